// Documents the problem answers an operation can give, each as application/problem+json.
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { ProblemDto } from './problem.dto.js';

export function ApiProblems(...responses: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...responses.map((r) => {
      const [status, description] = Array.isArray(r) ? r : [r, STATUS_CODES[r] ?? 'Error'];
      return ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } });
    }),
  );
}

/** Every operation can fail on our side; the answer is still a problem document. */
export function ApiUnexpectedProblem(): MethodDecorator & ClassDecorator {
  return ApiProblems([500, 'Unexpected failure; the detail quotes the request id']);
}
