extension XMLRPC {
    /// A parsed XML element: its name, child elements and its own text (entities resolved).
    struct Element: Equatable {
        var name: String
        var children: [Element] = []
        var text = ""

        func child(_ name: String) -> Element? {
            children.first { $0.name == name }
        }
    }

    /// How deep a response may nest.
    static let maxDepth = 64
    /// How large a response may be: the biggest, a log tail or `getAllConfigInfo` of a full
    /// pool, is well under a MiB.
    static let maxResponseBytes = 16 << 20

    struct MalformedXML: Swift.Error, CustomStringConvertible {
        var description: String
    }

    /// A small, lenient XML parser: enough for XML-RPC. Unlike a strict XML 1.0 parser it keeps
    /// control characters, which supervisord passes through unescaped from program logs.
    /// Ignores the prolog, comments, doctype and attributes; keeps CDATA as text.
    static func parseElement(_ bytes: [UInt8]) throws(MalformedXML) -> Element {
        var stack: [Element] = []
        var root: Element?
        var index = 0
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                if !stack.isEmpty {
                    stack[stack.count - 1].text += try unescape(bytes[index..<end])
                }
                index = end
                continue
            }
            if bytes.starts(with: "<![CDATA[", at: index) {
                let end = try bytes.find("]]>", from: index + 9)
                if !stack.isEmpty {
                    stack[stack.count - 1].text += String(decoding: bytes[(index + 9)..<end], as: UTF8.self)
                }
                index = end + 3
            } else if bytes.starts(with: "<!--", at: index) {
                index = try bytes.find("-->", from: index + 4) + 3
            } else if bytes.starts(with: "<?", at: index) || bytes.starts(with: "<!", at: index) {
                index = try bytes.find(">", from: index) + 1
            } else {
                let end = try bytes.find(">", from: index)
                let tag = bytes[(index + 1)..<end]
                index = end + 1
                if tag.first == UInt8(ascii: "/") {
                    guard let element = stack.popLast(), element.name == name(of: tag.dropFirst()) else {
                        throw MalformedXML(description: "unbalanced </\(name(of: tag.dropFirst()))>")
                    }
                    try attach(element, to: &stack, root: &root)
                } else if tag.last == UInt8(ascii: "/") {
                    try attach(Element(name: name(of: tag.dropLast())), to: &stack, root: &root)
                } else {
                    // The tree is freed (and decoded) recursively: a pool answering 200,000
                    // nested elements would overflow the stack. supervisord's answers are ~10 deep.
                    guard stack.count < maxDepth else {
                        throw MalformedXML(description: "elements nested deeper than \(maxDepth)")
                    }
                    stack.append(Element(name: name(of: tag)))
                }
            }
        }
        guard stack.isEmpty, let root else {
            throw MalformedXML(description: stack.isEmpty ? "no element" : "unclosed <\(stack[stack.count - 1].name)>")
        }
        return root
    }

    private static func attach(_ element: Element, to stack: inout [Element], root: inout Element?) throws(MalformedXML) {
        if stack.isEmpty {
            guard root == nil else { throw MalformedXML(description: "more than one root element") }
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    private static func name(of tag: ArraySlice<UInt8>) -> String {
        let end = tag.firstIndex { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 } ?? tag.endIndex
        return String(decoding: tag[tag.startIndex..<end], as: UTF8.self)
    }

    /// Resolves the five named entities and numeric character references.
    static func unescape(_ bytes: ArraySlice<UInt8>) throws(MalformedXML) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        // A byte search: `String.contains(_:)` with a string goes through Foundation's
        // CFStringFind, which was a tenth of a no-op pass's CPU (every value of every process).
        guard bytes.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { throw MalformedXML(description: "unterminated entity") }
            let entity = rest[rest.index(after: amp)..<semi]
            result.unicodeScalars.append(try scalar(for: entity))
            rest = rest[rest.index(after: semi)...]
        }
        return result + rest
    }

    private static func scalar(for entity: Substring) throws(MalformedXML) -> Unicode.Scalar {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let number: UInt32? = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
            guard let number, let scalar = Unicode.Scalar(number) else {
                throw MalformedXML(description: "unknown entity &\(entity);")
            }
            return scalar
        }
    }
}

private extension [UInt8] {
    func starts(with text: StaticString, at index: Int) -> Bool {
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return index + pattern.count <= count && self[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    func find(_ text: StaticString, from start: Int) throws(XMLRPC.MalformedXML) -> Int {
        var index = start
        while index < count {
            if starts(with: text, at: index) { return index }
            index += 1
        }
        throw XMLRPC.MalformedXML(description: "missing \(text)")
    }
}
