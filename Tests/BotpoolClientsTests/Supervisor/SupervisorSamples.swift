/// Responses captured from supervisord 4.2.5 (Debian bookworm), shortened where marked.
enum SupervisorSamples {
    static let getState = """
        <?xml version='1.0'?>
        <methodResponse>
        <params>
        <param>
        <value><struct>
        <member>
        <name>statecode</name>
        <value><int>1</int></value>
        </member>
        <member>
        <name>statename</name>
        <value><string>RUNNING</string></value>
        </member>
        </struct></value>
        </param>
        </params>
        </methodResponse>
        """

    /// One process in BACKOFF after a command supervisord could not split.
    static let getAllProcessInfo = """
        <?xml version='1.0'?>
        <methodResponse><params><param><value><array><data>
        <value><struct>
        <member><name>name</name><value><string>a</string></value></member>
        <member><name>group</name><value><string>a</string></value></member>
        <member><name>start</name><value><int>1795422526</int></value></member>
        <member><name>stop</name><value><int>0</int></value></member>
        <member><name>now</name><value><int>1795422527</int></value></member>
        <member><name>state</name><value><int>30</int></value></member>
        <member><name>statename</name><value><string>BACKOFF</string></value></member>
        <member><name>spawnerr</name><value><string>can't parse command "/usr/bin/env BOTPOOL_SPEC=x 'A=1": No closing quotation</string></value></member>
        <member><name>exitstatus</name><value><int>0</int></value></member>
        <member><name>logfile</name><value><string>/botpool/supervisor/logs/a.log</string></value></member>
        <member><name>stdout_logfile</name><value><string>/botpool/supervisor/logs/a.log</string></value></member>
        <member><name>stderr_logfile</name><value><string></string></value></member>
        <member><name>pid</name><value><int>0</int></value></member>
        <member><name>description</name><value><string>can't parse command "/usr/bin/env BOTPOOL_SPEC=x 'A=1": No closing quotation</string></value></member>
        </struct></value>
        </data></array></value></param></params></methodResponse>
        """

    /// Shortened to the fields botpool reads plus two it ignores.
    static let getAllConfigInfo = """
        <?xml version='1.0'?>
        <methodResponse><params><param><value><array><data>
        <value><struct>
        <member><name>autostart</name><value><boolean>1</boolean></value></member>
        <member><name>directory</name><value><string>/bots/a</string></value></member>
        <member><name>command</name><value><string>/usr/bin/env BOTPOOL_SPEC=x 'A=1' python3 -c 'print(1)'</string></value></member>
        <member><name>exitcodes</name><value><array><data>
        <value><int>0</int></value>
        </data></array></value></member>
        <member><name>group</name><value><string>a</string></value></member>
        <member><name>inuse</name><value><boolean>1</boolean></value></member>
        <member><name>name</name><value><string>a</string></value></member>
        <member><name>startsecs</name><value><int>1</int></value></member>
        <member><name>stopwaitsecs</name><value><int>10</int></value></member>
        <member><name>stdout_logfile</name><value><string>/botpool/supervisor/logs/a.log</string></value></member>
        <member><name>serverurl</name><value><string>none</string></value></member>
        </struct></value>
        </data></array></value></param></params></methodResponse>
        """

    static let reloadConfigChanged = """
        <?xml version='1.0'?><methodResponse><params><param><value><array><data><value><array><data><value><array><data></data></array></value><value><array><data><value><string>a</string></value></data></array></value><value><array><data></data></array></value></data></array></value></data></array></value></param></params></methodResponse>
        """

    /// The log holds a raw ESC byte, which supervisord does not escape.
    static let tailWithControlCharacters = """
        <?xml version='1.0'?><methodResponse><params><param><value><array><data><value><string>\u{1B}[31mred &amp; &lt;b&gt;é</string></value><value><int>17</int></value><value><boolean>0</boolean></value></data></array></value></param></params></methodResponse>
        """

    static let ok = """
        <?xml version='1.0'?><methodResponse><params><param><value><boolean>1</boolean></value></param></params></methodResponse>
        """

    static func fault(_ code: Int, _ text: String) -> String {
        """
        <?xml version='1.0'?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>\(code)</int></value></member><member><name>faultString</name><value><string>\(text)</string></value></member></struct></value></fault></methodResponse>
        """
    }
}
