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

/**
 * What any operation can answer whatever it does: refused at the edge before it was worked on
 * (429 over this client's rate limit, 503 at capacity), a dependency out of reach (503), or a
 * failure on our side (500). The 429s and 503s carry Retry-After.
 */
export function ApiUnexpectedProblem(): MethodDecorator & ClassDecorator {
  return ApiProblems(
    [429, "Over this client's rate limit for this kind of request; retry after Retry-After"],
    [500, 'Unexpected failure; the detail quotes the request id'],
    [503, 'At capacity, or a service the API depends on is unreachable; nothing was done, retry after Retry-After'],
  );
}
