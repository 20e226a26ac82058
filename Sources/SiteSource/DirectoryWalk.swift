import Foundation

/// The files below a folder, found with `readdir`: Foundation's enumerator stats every entry (and again for its
/// attributes), which on a site of ten thousand pages cost more than a rebuild's real work. Names starting with
/// a dot (`.git`, `.DS_Store`) are skipped, and so is what is below them. A symbolic link counts as what it
/// points to, but a linked folder is not entered.
enum DirectoryWalk {
    /// Relative paths of the files below `base`, in no particular order, each with its `stat` (taken only
    /// when `stats` is true, else a zeroed value).
    static func files(below base: String, stats: Bool) -> [(path: String, info: stat)] {
        var found: [(path: String, info: stat)] = []
        walk(base, prefix: "", stats: stats, into: &found)
        return found
    }

    private static func walk(_ folder: String, prefix: String, stats: Bool, into found: inout [(path: String, info: stat)]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let path = folder + "/" + name
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            var type = Int32(entry.pointee.d_type)
            var info = stat()
            if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) || stats {
                // `stat` follows a link: a link to a file is that file, a link to a folder is left alone.
                guard stat(path, &info) == 0 else { continue }
                let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                if type == Int32(DT_LNK), isFolder { continue }
                type = isFolder ? Int32(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : -1)
            }
            if type == Int32(DT_DIR) {
                walk(path, prefix: relative, stats: stats, into: &found)
            } else if type == Int32(DT_REG) {
                found.append((relative, info))
            }
        }
    }
}
