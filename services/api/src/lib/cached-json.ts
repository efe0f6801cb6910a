import type { FastifyReply } from 'fastify';

/**
 * A route's answer turned into text by the route's own serializer (its response schema), so the
 * same bytes can be kept and sent again without being validated and serialized per request.
 */
export function serializeWithRouteSchema(reply: FastifyReply, payload: unknown): string {
  const serialized = reply.serialize(payload);
  return typeof serialized === 'string'
    ? serialized
    : Buffer.from(serialized as ArrayBuffer).toString('utf8');
}

/** Sends JSON that is already serialized: fastify passes a string with a JSON type through as is. */
export function sendSerialized(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
