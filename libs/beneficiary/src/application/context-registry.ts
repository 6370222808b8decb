import type { FactoryProvider, Type } from '@nestjs/common';

/**
 * What the contexts after the intake (convocation, orientation) lend the beneficiary context, which
 * depends on none of them: each registers its part, under its name, when its module starts. The
 * registries (PathProgress, PersonData) say what a part is and how the parts combine.
 */
export abstract class ContextRegistry<Part> {
  protected readonly parts = new Map<string, Part>();

  register(context: string, part: Part): void {
    this.parts.set(context, part);
  }
}

/** The provider a context's module lists to register its part in `registry` when the module starts (its module imports BeneficiaryModule). */
export function registration<Part>(registry: Type<ContextRegistry<Part>>, kind: string, context: string, part: Part): FactoryProvider<string> {
  return {
    provide: `${kind}:${context}`,
    inject: [registry],
    useFactory: (instance: ContextRegistry<Part>) => {
      instance.register(context, part);
      return context;
    },
  };
}
