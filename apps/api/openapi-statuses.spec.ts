// Every status an operation's code can answer is documented on it: a client generated from the
// OpenAPI document has no branch for a status the document does not list (GET payoff-quote once
// answered an undocumented 422). Read from the code itself: the use case each controller method
// calls (and the collaborators it injects from apps/api) is searched for the errors it constructs,
// each read as a status through the one problem mapping; a loan looked up through withLoan can be
// missing (404, unless the use case handles that itself); constrained parameters and bodies can
// be invalid (400), and a body too large or not JSON (413, 415). What a workflow's validator refuses (409, 422) depends on the update, which this does
// not see: the integration tests of each command hold those.
import { expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from './api.module.js';
import * as errors from './errors.js';
import { PROBLEM_TYPES, type ProblemKind } from './http/problem.js';
import { toProblem } from './http/problem-mapping.js';
import { exportOpenApi } from './export-openapi.js';
import type { ApiDeps } from './tokens.js';

const apiDir = import.meta.dirname;

/** Where each class of apps/api is declared. */
function classFiles(dir = apiDir, found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) classFiles(path, found);
    else if (/(?<!\.spec|\.test)\.ts$/.test(entry.name)) for (const [, name] of readFileSync(path, 'utf8').matchAll(/export class (\w+)/g)) found.set(name!, path);
  }
  return found;
}

const files = classFiles();
const errorClasses = errors as unknown as Record<string, new (message: string) => Error>;
const statusOfError = (name: string): number => toProblem(name === 'UnprocessableFieldsError' ? new errors.UnprocessableFieldsError([]) : new errorClasses[name]!('x'), { instance: '/', requestId: 'r' }).problem.status;

/**
 * Collaborators that catch every refusal (4xx) of what they call and answer their caller with no
 * error of their own: only a failure to reach something (5xx) goes on. Named here, with why, so
 * the exception is reviewed like code.
 */
const REFUSALS_HANDLED: Record<string, string> = {
  ProposePlanFromReplyUseCase: "a borrower's reply asking for a plan: a plan the loan cannot take is logged and left to a person, never refused to the provider's webhook",
};

/** What constructing the class's file can answer, and that of the collaborators it injects from apps/api. */
function statusesOf(cls: Type, seen = new Set<Type>()): Set<number> {
  const statuses = new Set<number>();
  const file = files.get(cls.name);
  if (!file || seen.has(cls)) return statuses;
  seen.add(cls);
  // Failures to reach something (503) are documented on every route already (ApiUnexpectedProblem).
  if (cls.name in REFUSALS_HANDLED) return statuses;
  const source = readFileSync(file, 'utf8');
  for (const [, name] of source.matchAll(/new (\w+Error)\(/g)) if (name! in errorClasses) statuses.add(statusOfError(name!));
  for (const [, kind] of source.matchAll(/new ProblemException\('(\w+)'/g)) statuses.add(PROBLEM_TYPES[kind as ProblemKind].status);
  if (source.includes('ProblemException.validation(')) statuses.add(400);
  if (source.includes('withLoan(') && !source.includes('instanceof LoanNotFoundError')) statuses.add(statusOfError('LoanNotFoundError'));
  for (const collaborator of (Reflect.getMetadata('design:paramtypes', cls) ?? []) as Type[]) for (const s of statusesOf(collaborator, seen)) statuses.add(s);
  return statuses;
}

/** The use cases a controller method calls: `this.<field>.execute(`, the field typed by the controller's constructor. */
function useCasesCalled(controller: Type, method: string): Type[] {
  const params = /constructor\(([^)]*)\)/.exec(controller.toString())?.[1]?.split(',').map((p) => p.trim()) ?? [];
  const types = (Reflect.getMetadata('design:paramtypes', controller) ?? []) as Type[];
  const body = String((controller.prototype as Record<string, unknown>)[method]);
  return [...body.matchAll(/this\.(\w+)\.execute\(/g)].map(([, field]) => types[params.indexOf(field!)]!).filter(Boolean);
}

it("documents every status an operation's code can answer", async () => {
  const document = JSON.parse(await exportOpenApi()) as OpenAPIObject;
  const controllers = ApiModule.register({} as ApiDeps).controllers ?? [];
  const undocumented: string[] = [];
  let operations = 0;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(item) as [string, OperationObject][]) {
      const [controllerName, method] = operation.operationId!.split('_');
      const controller = controllers.find((c) => c.name === controllerName);
      if (!controller || !method) throw new Error(`no controller method for ${operation.operationId}`);
      operations += 1;
      const expected = new Set<number>();
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      const constrained = (p: ParameterObject) => Object.keys(p.schema ?? {}).some((k) => ['pattern', 'enum', 'format', 'minimum', 'maximum', 'minLength', 'maxLength'].includes(k));
      if (operation.requestBody || parameters.some(constrained)) expected.add(400);
      if (operation.requestBody) [413, 415].forEach((s) => expected.add(s));
      for (const useCase of useCasesCalled(controller, method)) for (const s of statusesOf(useCase)) expected.add(s);
      const missing = [...expected].filter((s) => !(String(s) in operation.responses));
      if (missing.length > 0) undocumented.push(`${verb.toUpperCase()} ${path}: ${missing.join(', ')}`);
    }
  }
  expect(operations).toBeGreaterThan(20);
  expect(undocumented).toEqual([]);
});
