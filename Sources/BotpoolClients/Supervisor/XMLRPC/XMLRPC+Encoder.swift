import Foundation

extension XMLRPC {
    /// The body of a call: `<methodCall>` with one `<param>` per value.
    public static func encodeCall(_ method: String, _ params: [Value]) -> Data {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall><methodName>"
        xml += escape(method) + "</methodName><params>"
        for param in params {
            xml += "<param>" + encode(param) + "</param>"
        }
        xml += "</params></methodCall>\n"
        return Data(xml.utf8)
    }

    static func encode(_ value: Value) -> String {
        let inner: String
        switch value {
        case .int(let number): inner = "<int>\(number)</int>"
        case .bool(let flag): inner = "<boolean>\(flag ? 1 : 0)</boolean>"
        case .string(let text): inner = "<string>\(escape(text))</string>"
        case .double(let number): inner = "<double>\(number)</double>"
        case .dateTime(let text): inner = "<dateTime.iso8601>\(escape(text))</dateTime.iso8601>"
        case .base64(let data): inner = "<base64>\(data.base64EncodedString())</base64>"
        case .array(let items): inner = "<array><data>" + items.map(encode).joined() + "</data></array>"
        case .structure(let members):
            inner = "<struct>" + members.keys.sorted().map { key in
                "<member><name>\(escape(key))</name>" + encode(members[key] ?? .nil) + "</member>"
            }.joined() + "</struct>"
        case .nil: inner = "<nil/>"
        }
        return "<value>" + inner + "</value>"
    }

    /// Escapes markup, quotes, and the carriage return (which an XML parser would otherwise fold
    /// into a newline).
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
