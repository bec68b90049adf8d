import type { Statement } from './iam';

/** Where the process's OTLP/HTTP exporter finds its collector: the Lambda layer's extension or the API task's sidecar. */
export const OTLP_HTTP_PORT = 4318;
export const OTLP_ENDPOINT = `http://localhost:${OTLP_HTTP_PORT}`;

/** What the collector's awsxray exporter calls; X-Ray supports no resource but "*" for them. */
export const XRAY_WRITE_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/**
 * Segment upload only: the application samples locally, so the collector never asks X-Ray for
 * sampling rules (no xray:GetSampling*).
 */
export const xrayWriteStatement: Statement = { Sid: 'WriteTraces', Effect: 'Allow', Action: XRAY_WRITE_ACTIONS, Resource: '*' };
