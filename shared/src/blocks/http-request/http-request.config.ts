// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { HTTP_HEADER_NAME, IsHttpHeaderValue } from '../../util/http-header-field';
import { VARIABLE_NAME } from '../../kernel/variable-name';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export class HeaderConfig {
  @Matches(HTTP_HEADER_NAME, { message: 'header name holds invalid characters' })
  name: string;

  /** May contain `{{placeholders}}`; a value that renders to text a header cannot carry takes the error port. */
  @IsString()
  @MaxLength(2000)
  @IsHttpHeaderValue()
  value: string;
}

export class ResponseMappingConfig {
  /** Dotted path into the JSON response, e.g. `data.id`. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  path: string;

  @Matches(VARIABLE_NAME)
  variable: string;
}

export class HttpRequestConfig {
  @IsIn(HTTP_METHODS)
  method: (typeof HTTP_METHODS)[number];

  /** May contain `{{placeholders}}`; must render to an http(s) URL. */
  @Matches(/^(https?:\/\/|\{\{)/, { message: 'url must start with http:// or https://' })
  @MaxLength(2000)
  url: string;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HeaderConfig)
  headers: HeaderConfig[];

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  body?: string;

  @IsInt()
  @Min(1)
  @Max(30)
  timeoutSeconds: number;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResponseMappingConfig)
  saveResponse: ResponseMappingConfig[];
}
