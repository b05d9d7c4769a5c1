/// etcd v3, spoken through its JSON gateway (`/v3/...`): base64 keys and values, int64 fields
/// as JSON strings. Only what leader election needs: leases, one key read, a create-if-absent
/// transaction and a put. No Swift etcd client builds here; this one needs nothing but the
/// project's transport.
public enum Etcd {}
