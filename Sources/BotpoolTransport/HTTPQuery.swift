/// Query-string encoding (RFC 3986 unreserved characters stay, everything else is %XX).
public enum HTTPQuery {
    public static func encode(_ items: [(String, String)]) -> String {
        items.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// Percent-encodes all but the unreserved characters and those in `keeping`.
    public static func escape(_ text: String, keeping: String = "") -> String {
        let kept = Set(keeping.utf8)
        var result = ""
        for byte in text.utf8 {
            if isUnreserved(byte) || kept.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0xF)]
            }
        }
        return result
    }

    private static let hexDigits = "0123456789ABCDEF".map(String.init)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
