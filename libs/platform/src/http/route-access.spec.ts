import { Reflector } from '@nestjs/core';
import { ROUTE_SUBJECT_KEY, SubjectOf, type RouteSubject } from './route-access';

describe('@SubjectOf', () => {
  const subjectOf = (decorator: MethodDecorator): RouteSubject | undefined => {
    class Controller {
      handler(): void {}
    }
    const descriptor = Object.getOwnPropertyDescriptor(Controller.prototype, 'handler') as PropertyDescriptor;
    decorator(Controller.prototype, 'handler', descriptor);
    return new Reflector().get<RouteSubject>(ROUTE_SUBJECT_KEY, descriptor.value as () => void);
  };

  it('names the table, the route parameter (id by default) and the columns holding people (person_id by default)', () => {
    expect(subjectOf(SubjectOf('contract'))).toEqual({ table: 'contract', param: 'id', columns: ['person_id'] });
    expect(subjectOf(SubjectOf('intake_anomaly', { param: 'anomalyId', columns: ['person_id', 'other_person_id'] }))).toEqual({
      table: 'intake_anomaly',
      param: 'anomalyId',
      columns: ['person_id', 'other_person_id'],
    });
  });

  it('refuses, when the code loads, a table or a column that is not a plain SQL name', () => {
    expect(() => SubjectOf('contract; DROP TABLE contract')).toThrow('is not a table or column name');
    expect(() => SubjectOf('contract', { columns: ['"person_id"'] })).toThrow('is not a table or column name');
    expect(() => SubjectOf('Contract')).toThrow('is not a table or column name');
  });
});
