/// Manifest text for the suite: one PoolClass and quickstart-like bots (python3 HTTP servers).
enum Manifests {
    static func poolClass(_ name: String, basePort: Int, maxBots: Int = 10, maxPools: Int = 5, emptyPoolTTL: String = "15m") -> String {
        """
        apiVersion: botpool/v1
        kind: PoolClass
        metadata:
          name: \(name)
        spec:
          image: botpool/pool:dev
          maxBots: \(maxBots)
          maxPools: \(maxPools)
          memoryLimit: 1Gi
          basePort: \(basePort)
          publish: 127.0.0.1
          tenancy: dedicated
          emptyPoolTTL: \(emptyPoolTTL)

        """
    }

    static let server = """
        import os
        from http.server import BaseHTTPRequestHandler, HTTPServer

        PORT = int(os.environ["BOTPOOL_PORT"])
        BOT = os.environ.get("BOTPOOL_BOT", "unknown")


        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                data = f"ok {BOT} {os.environ.get('GREETING', '')}\\n".encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):
                pass


        HTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
        """

    static func bot(_ name: String, tenant: String, poolClass: String, greeting: String = "hi",
                    command: [String] = ["python3", "server.py"], health: Bool = true, extra: String = "") -> String {
        let argv = command.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ", ")
        let body = server.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n")
        return """
            apiVersion: botpool/v1
            kind: Bot
            metadata:
              name: \(name)
              tenant: \(tenant)
            spec:
              poolClass: \(poolClass)
              command: [\(argv)]
              env:
                GREETING: "\(greeting)"
              files:
                server.py: |
            \(body)
              resources: {memory: 16Mi}
            \(health ? "  health:\n    http: {path: /healthz}\n    periodSeconds: 2" : "")
            \(extra)
            """
    }
}
