import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, RequestHandler, Response } from 'express';
import { withRequestId } from '../../worker';

const tracer = trace.getTracer('kyb-api');

/** What a recorded span tells of its request: method, path and request id now, route and status once answered. */
function describe(span: Span, req: Request, res: Response): void {
  span.setAttributes({ 'http.request.method': req.method, 'url.path': req.originalUrl.split('?')[0], 'kyb.request_id': String(req.id) });
  res.once('finish', () => {
    const route = req.route?.path as string | undefined;
    if (route) span.updateName(`${req.method} ${req.baseUrl}${route}`);
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}

/**
 * A server span per request, active for everything the request awaits (the enqueue's context
 * travels on from here to the worker), ended when the response is finished. The name uses the
 * matched route once routing has happened, so ids do not make every request a new name. The same
 * context carries the request's id (given by `requestLog`, which runs first) to every log line.
 */
export function requestSpans(): RequestHandler {
  return (req, res, next) => {
    const span = tracer.startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER });
    // A span nothing records (no exporter) still carries the trace id, and needs nothing more.
    if (span.isRecording()) describe(span, req, res);
    context.with(withRequestId(trace.setSpan(context.active(), span), String(req.id)), next);
  };
}
