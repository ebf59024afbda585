/// Path helpers that follow Python's `posixpath`, which picklescan uses to pick files.
enum PythonPath {
    /// The extension of `path` as `os.path.splitext` gives it: from the last dot of the last component,
    /// dot included, unless that dot only starts the name (`.pkl` has none); empty when there is none.
    static func pathExtension(of path: String) -> Substring {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), name[..<dot].contains(where: { $0 != "." }) else { return "" }
        return name[dot...]
    }
}
