// A policy version in a path: a whole number from 1, or a 400 naming the parameter before
// anything is looked up ("1.5", "abc", "-1" and "01" are not versions).
import { Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '../http/problem.js';

export const POLICY_VERSION_SCHEMA = { type: 'integer' as const, format: 'int32', minimum: 1, maximum: 2_147_483_647, example: 2 };

@Injectable()
export class PolicyVersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^[1-9]\d{0,9}$/.test(String(value)) ? Number(value) : NaN;
    if (!(version <= POLICY_VERSION_SCHEMA.maximum)) throw ProblemException.validation([{ field: 'version', message: 'must be a whole number from 1 (a policy version)' }]);
    return version;
  }
}
