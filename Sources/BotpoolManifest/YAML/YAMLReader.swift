import CYaml

/// Reads a YAML stream one document at a time on libyaml's event API.
///
/// Why not Yams' `Parser`: in Yams 6.2.2 a duplicate key throws away the whole document (so its
/// bot could not even be frozen), and composing hashes alias-expanded keys, so an alias bomb
/// used as a key hangs it before anything can look at the tree. Here aliases stay unexpanded
/// nodes and duplicate keys stay in the mapping; the decoder reports both with their position.
final class YAMLReader {
    /// Manifests nest a few levels; the cap keeps every recursive walk shallow on small task stacks.
    static let maxDepth = 64

    private var parser = yaml_parser_t()
    private let input: UnsafeMutableBufferPointer<UInt8>

    init(text: String) {
        input = .allocate(capacity: max(text.utf8.count, 1))
        _ = input.initialize(from: text.utf8)
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, input.baseAddress, text.utf8.count)
    }

    deinit {
        yaml_parser_delete(&parser)
        input.deallocate()
    }

    /// The next document's root, nil at the end of the stream. After an error the stream
    /// cannot be resumed: libyaml stops at the first syntax error.
    func nextDocument() throws(YAMLSyntaxError) -> YAMLNode? {
        while true {
            let event = try nextEvent()
            switch event.kind {
            case .streamEnd:
                return nil
            case .documentStart:
                let root = try node(from: try nextEvent())
                _ = try nextEvent()  // document end
                return root
            default:
                continue
            }
        }
    }

    private func node(from event: YAMLEvent, depth: Int = 0) throws(YAMLSyntaxError) -> YAMLNode {
        guard depth < Self.maxDepth else {
            throw YAMLSyntaxError(line: event.line, column: event.column,
                                  message: "nesting deeper than \(Self.maxDepth) levels")
        }
        switch event.kind {
        case .scalar(let scalar):
            return YAMLNode(content: .scalar(scalar), line: event.line, column: event.column)
        case .alias(let anchor):
            return YAMLNode(content: .alias(anchor: anchor), line: event.line, column: event.column)
        case .sequenceStart:
            var items: [YAMLNode] = []
            while true {
                let next = try nextEvent()
                if case .sequenceEnd = next.kind { break }
                items.append(try node(from: next, depth: depth + 1))
            }
            return YAMLNode(content: .sequence(items), line: event.line, column: event.column)
        case .mappingStart:
            var pairs: [YAMLPair] = []
            while true {
                let next = try nextEvent()
                if case .mappingEnd = next.kind { break }
                let key = try node(from: next, depth: depth + 1)
                pairs.append(YAMLPair(key: key, value: try node(from: try nextEvent(), depth: depth + 1)))
            }
            return YAMLNode(content: .mapping(pairs), line: event.line, column: event.column)
        default:
            throw YAMLSyntaxError(line: event.line, column: event.column, message: "unexpected YAML event")
        }
    }

    private func nextEvent() throws(YAMLSyntaxError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            throw YAMLSyntaxError(parser: parser)
        }
        defer { yaml_event_delete(&event) }
        return YAMLEvent(event)
    }
}
