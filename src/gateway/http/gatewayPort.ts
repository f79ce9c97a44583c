// The port the gateway's HTTP + WebSocket API listens on unless told otherwise: the editor's
// `imperium.gateway.http.port` and `imperium serve --port` share it.
export const DEFAULT_GATEWAY_PORT = 7391;
