import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ScoreReasonDto {
  @ApiProperty({ type: String, example: 'on_time_ratio_bps' }) feature!: string;
  @ApiProperty({ description: 'the value scored', nullable: true, oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] }) value!: unknown;
  @ApiProperty({ type: Number, description: "log-odds: the TreeSHAP contribution, or for a scorecard the points lost over the scaling's factor" }) contribution!: number;
  @ApiPropertyOptional({ type: Number, description: 'scorecards: the points this characteristic lost against its best bin' }) pointsLost?: number;
  @ApiProperty({ type: String, example: 'DELINQUENCY' }) code!: string;
  @ApiProperty({ type: String }) text!: string;
}

export class RecordScoreDto {
  @ApiPropertyOptional({ type: Number, description: "binary models: P(positive class), calibrated when the model's card carries a calibration" }) probability?: number;
  @ApiPropertyOptional({ type: Number, description: "binary models: the model's own P(positive class) before calibration (equal to probability without one)" }) rawProbability?: number;
  @ApiPropertyOptional({ type: Number, description: 'binary models served by a WoE scorecard: its points (higher is safer)' }) points?: number;
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
