import Foundation

extension XMLRPC {
    /// Decodes a `<methodResponse>`: the single return value, or the fault.
    static func decodeResponse(_ data: Data) throws(MalformedXML) -> Result<Value, Fault> {
        let root = try parseElement([UInt8](data))
        guard root.name == "methodResponse" else { throw MalformedXML(description: "root is <\(root.name)>, not <methodResponse>") }
        if let fault = root.child("fault") {
            guard let value = fault.child("value"), case .structure(let members) = try decode(value) else {
                throw MalformedXML(description: "fault without a struct")
            }
            return .failure(Fault(code: members["faultCode"]?.int ?? 0, string: members["faultString"]?.string ?? ""))
        }
        guard let value = root.child("params")?.child("param")?.child("value") else {
            throw MalformedXML(description: "no params/param/value")
        }
        return .success(try decode(value))
    }

    /// Decodes a `<value>` element; text without a type element is a string, as the spec says.
    static func decode(_ value: Element) throws(MalformedXML) -> Value {
        guard let typed = value.children.first else { return .string(value.text) }
        let text = typed.text
        switch typed.name {
        case "int", "i4", "i8":
            guard let number = Int(blanksTrimmed(text)) else { throw MalformedXML(description: "int \"\(text)\"") }
            return .int(number)
        case "boolean":
            switch blanksTrimmed(text) {
            case "1": return .bool(true)
            case "0": return .bool(false)
            default: throw MalformedXML(description: "boolean \"\(text)\"")
            }
        case "string": return .string(text)
        case "double":
            guard let number = Double(blanksTrimmed(text)) else { throw MalformedXML(description: "double \"\(text)\"") }
            return .double(number)
        case "dateTime.iso8601": return .dateTime(String(blanksTrimmed(text)))
        case "base64":
            guard let data = Data(base64Encoded: text.filter { !$0.isWhitespace }) else { throw MalformedXML(description: "base64") }
            return .base64(data)
        case "nil": return .nil
        case "array":
            var items: [Value] = []
            for item in typed.child("data")?.children ?? [] where item.name == "value" {
                items.append(try decode(item))
            }
            return .array(items)
        case "struct":
            var members: [String: Value] = [:]
            for member in typed.children where member.name == "member" {
                guard let name = member.child("name"), let memberValue = member.child("value") else {
                    throw MalformedXML(description: "struct member without name or value")
                }
                members[name.text] = try decode(memberValue)
            }
            return .structure(members)
        default:
            throw MalformedXML(description: "unknown value type <\(typed.name)>")
        }
    }

    /// `text` without leading and trailing blanks: what `CharacterSet.whitespaces` trims (spaces
    /// and tabs, not newlines), without Foundation's bridging, which was a fifth of decoding a
    /// `getAllProcessInfo` (several numbers per process).
    static func blanksTrimmed(_ text: String) -> Substring {
        let isBlank = { (character: Character) in character.isWhitespace && !character.isNewline }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return text[first...last]
    }
}
