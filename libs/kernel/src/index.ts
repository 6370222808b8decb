export * from "./nir";
export * from "./domain-error";
export * from "./paris-time";
export * from "./sha256";
