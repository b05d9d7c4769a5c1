extension ManifestLoader {
    /// Loads `directory` and records the Git commit it was read at (`ManifestSet.provenance`).
    /// A pull writes the files before it moves the branch: when HEAD moved while the files
    /// were read, they are read again (up to three times), so the files and the commit agree.
    public func load(directory: String, git: GitProvenanceReader) throws(ManifestLoader.Error) -> ManifestSet {
        var attempt = 0
        while true {
            attempt += 1
            let before = git.provenance(of: directory)
            var set = try load(paths: [directory])
            let after = git.provenance(of: directory)
            if (before?.root, before?.head) == (after?.root, after?.head) || attempt == 3 {
                set.provenance = after
                return set
            }
        }
    }
}
