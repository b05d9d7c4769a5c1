/// supervisord's XML-RPC API (http://supervisord.org/api.html) inside one pool container, reached
/// over the pool's unix socket: `Client` and its endpoint extensions, `Types`, `Error`, the
/// `PoolConfig` and `ProgramWriter` that render the files supervisord reads, and `XMLRPC`.
public enum Supervisor {}
