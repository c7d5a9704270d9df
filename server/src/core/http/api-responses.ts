import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** A cursor page of `item`, as `paginate` returns it: `{data, has_more, next_cursor}`. */
export function ApiPageResponse(item: Type<unknown>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description: 'newest first; pass next_cursor back as cursor for the next page',
      schema: {
        type: 'object',
        required: ['data', 'has_more', 'next_cursor'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(item) } },
          has_more: { type: 'boolean' },
          next_cursor: { type: 'string', nullable: true, description: 'null on the last page' },
        },
      },
    }),
  );
}

export class FieldProblemView {
  @ApiProperty({ example: 'limit' }) field: string;
  @ApiProperty({ example: 'limit must not be greater than 100' }) message: string;
}

export class ErrorBodyView {
  @ApiProperty({ description: 'stable, for programs', example: 'validation_failed' }) code: string;
  @ApiProperty({ description: 'for people' }) message: string;
  @ApiProperty() doc_url: string;
  @ApiProperty({ description: 'also sent as the X-Request-Id header', example: 'req_3f0c9a52' }) request_id: string;
  @ApiPropertyOptional({ type: [FieldProblemView], description: 'one entry per invalid field' }) details?: FieldProblemView[];
}

/** The one error envelope of the /v1 API (ErrorEnvelopeFilter). */
export class ErrorEnvelopeView {
  @ApiProperty({ type: ErrorBodyView }) error: ErrorBodyView;
}
