import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ScoreReasonDto {
  @ApiProperty({ type: String, example: 'on_time_ratio_bps' }) feature!: string;
  @ApiProperty({ description: 'the value scored', nullable: true, oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] }) value!: unknown;
  @ApiProperty({ type: Number, description: 'TreeSHAP contribution, log-odds' }) contribution!: number;
  @ApiProperty({ type: String, example: 'DELINQUENCY' }) code!: string;
  @ApiProperty({ type: String }) text!: string;
}

export class RecordScoreDto {
  @ApiPropertyOptional({ type: Number, description: 'binary models: P(positive class)' }) probability?: number;
  @ApiPropertyOptional({ type: Boolean, description: "binary models: probability at or above the card's threshold" }) decision?: boolean;
  @ApiPropertyOptional({ type: String, description: 'multiclass models: the most likely class' }) label?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'multiclass models: probability per class' }) probabilities?: Record<string, number>;
  @ApiPropertyOptional({ type: Number, description: 'anomaly models: 0..1, higher is more anomalous' }) score?: number;
  @ApiPropertyOptional({ type: Boolean, description: "anomaly models: score at or above the card's alert threshold" }) flagged?: boolean;
  @ApiPropertyOptional({ type: [ScoreReasonDto] }) reasons?: ScoreReasonDto[];
}

export class ScoreResponseDto {
  @ApiProperty({ type: String, example: 'application-pd' }) model!: string;
  @ApiProperty({ type: String, example: '1.0.0', description: 'the champion version that scored' }) version!: string;
  @ApiProperty({ type: [RecordScoreDto] }) scores!: RecordScoreDto[];
}
