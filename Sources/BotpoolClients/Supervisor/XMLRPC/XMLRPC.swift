/// XML-RPC (http://xmlrpc.com/spec.md) as supervisord speaks it: `Value`, the call encoder and
/// the response decoder.
public enum XMLRPC {}
