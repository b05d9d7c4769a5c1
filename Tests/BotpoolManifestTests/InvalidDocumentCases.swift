/// Invalid document structure and metadata.
enum InvalidDocumentCases {
    static let spec = "spec:\n  poolClass: quick\n  command: [run]\n"

    static func bot(metadata: String) -> String {
        "apiVersion: botpool/v1\nkind: Bot\nmetadata:\n" + metadata + spec
    }

    static let all: [InvalidCase] = [
        .init("name not a DNS label", bot(metadata: "  name: Bad_Name\n"),
              4, 9, "metadata.name", #""Bad_Name" is not a DNS-1123 label"#),
        .init("name longer than 63", bot(metadata: "  name: \(String(repeating: "a", count: 64))\n"),
              4, 9, "metadata.name", "is longer than 63 characters"),
        .init("name is a number", bot(metadata: "  name: 42\n"),
              4, 9, "metadata.name", "expected a string, got an integer"),
        .init("tenant not a DNS label", bot(metadata: "  name: b\n  tenant: Alice\n"),
              5, 11, "metadata.tenant", #""Alice" is not a DNS-1123 label"#),
        .init("missing name", "apiVersion: botpool/v1\nkind: Bot\nmetadata: {tenant: a}\n" + spec,
              3, 11, "metadata.name", #"missing required field "name""#),
        .init("label key", bot(metadata: "  name: b\n  labels: {\"bad key\": x}\n"),
              5, 12, "metadata.labels.bad key", #"label key "bad key" is not valid"#),
        .init("label value", bot(metadata: "  name: b\n  labels: {x: \"-bad\"}\n"),
              5, 15, "metadata.labels.x", #"label value "-bad" is not valid"#),
        .init("metadata misspelled", bot(metadata: "  name: b\n  tenants: a\n"),
              5, 3, "metadata.tenants", #"unknown field "tenants"; did you mean "tenant"?"#),
        .init("apiVersion", "apiVersion: botpool/v2\nkind: Bot\nmetadata:\n  name: b\n" + spec,
              1, 13, "apiVersion", #"unsupported apiVersion "botpool/v2"; expected "botpool/v1""#),
        .init("missing apiVersion", "kind: Bot\nmetadata:\n  name: b\n" + spec,
              1, 1, "apiVersion", #"missing required field "apiVersion""#),
        .init("unknown kind", "apiVersion: botpool/v1\nkind: Bott\nmetadata:\n  name: b\n" + spec,
              2, 7, "kind", #"unknown kind "Bott"; must be Bot or PoolClass; did you mean "Bot"?"#),
        .init("missing kind", "apiVersion: botpool/v1\nmetadata:\n  name: b\n" + spec,
              1, 1, "kind", #"missing required field "kind""#),
        .init("document is a list", "- a\n- b\n",
              1, 1, "", "expected a map, got a list"),
        .init("unknown top-level field", Fixtures.bot() + "status: {}\n",
              8, 1, "status", #"unknown field "status""#),
        .init("spec is a list", "apiVersion: botpool/v1\nkind: Bot\nmetadata:\n  name: b\nspec: []\n",
              5, 7, "spec", "expected a map, got a list"),
        .init("missing spec", "apiVersion: botpool/v1\nkind: Bot\nmetadata:\n  name: b\n",
              1, 1, "spec", #"missing required field "spec""#),
        .init("YAML syntax error", Fixtures.bot("  env: {FOO: [x}\n"),
              8, 16, "", "did not find expected ',' or ']'"),
        .init("tab indentation", Fixtures.bot("\tenv: {}\n"),
              8, 1, "", "YAML syntax error"),
    ]
}
