import type { FastifyReply } from 'fastify';

/**
 * A route's answer turned into UTF-8 by the route's own serializer (its response schema), so the
 * same bytes can be kept and sent again without being validated and serialized per request.
 */
export function serializeWithRouteSchema(reply: FastifyReply, payload: unknown): Buffer {
  const serialized = reply.serialize(payload);
  return typeof serialized === 'string' ? Buffer.from(serialized) : Buffer.from(serialized as ArrayBuffer);
}

/** Sends JSON that is already serialized: fastify passes a buffer through as is. */
export function sendSerialized(reply: FastifyReply, json: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
