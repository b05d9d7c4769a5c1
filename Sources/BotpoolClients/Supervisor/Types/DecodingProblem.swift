extension Supervisor {
    /// A response value of the wrong shape; becomes `Supervisor.Error.malformedResponse`.
    struct DecodingProblem: Swift.Error {
        var detail: String

        static func structure(_ value: XMLRPC.Value, _ what: String) throws(DecodingProblem) -> [String: XMLRPC.Value] {
            guard let fields = value.structure else { throw DecodingProblem(detail: "\(what) is not a struct") }
            return fields
        }

        static func array(_ value: XMLRPC.Value, _ what: String) throws(DecodingProblem) -> [XMLRPC.Value] {
            guard let items = value.array else { throw DecodingProblem(detail: "\(what) is not an array") }
            return items
        }

        static func list<Item>(
            _ value: XMLRPC.Value, _ what: String, _ make: (XMLRPC.Value) throws(DecodingProblem) -> Item
        ) throws(DecodingProblem) -> [Item] {
            var items: [Item] = []
            for item in try array(value, what) {
                items.append(try make(item))
            }
            return items
        }
    }
}
