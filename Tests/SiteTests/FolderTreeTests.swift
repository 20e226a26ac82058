import Foundation
@testable import SiteBuild
import Testing

/// The whole-tree operations a rebuild runs on its output, shared out between threads: a hard-link copy holds
/// every file and folder, and removal takes everything below the folder and nothing a symbolic link points at.
struct FolderTreeTests {
    /// Wide and deep enough that the work is shared out below the third level, with Swedish, Russian, Arabic and
    /// Chinese names and spaces.
    func makeTree(at root: URL) throws -> [String] {
        var files: [String] = ["index.html", "sv/index.html"]
        for number in 0..<150 {
            files.append("sv/möten/möte \(number)/index.html")
            if number % 10 == 0 { files.append("ru/встречи/\(number)/a/b/c/d/страница.html") }
        }
        files += ["ar/مقالات/index.html", "zh/合作/深/层/页.html"]
        for path in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        return files.sorted()
    }

    func listing(_ root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.path + "/" + path, isDirectory: &isFolder), !isFolder.boolValue { files.append(path) }
        }
        return files.sorted()
    }

    func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tree-\(UUID().uuidString)")
    }

    @Test func aLinkCopyHoldsEveryFileAsALinkToTheOriginal() throws {
        let base = temporary()
        defer { try? FileManager.default.removeItem(at: base) }
        let source = base.appendingPathComponent("output"), copy = base.appendingPathComponent("copy")
        let files = try makeTree(at: source)
        try FolderTree.linkCopy(source.path, to: copy.path)
        #expect(listing(copy) == files)
        for path in files {
            let original = try FileManager.default.attributesOfItem(atPath: source.path + "/" + path)[.systemFileNumber] as? Int
            let linked = try FileManager.default.attributesOfItem(atPath: copy.path + "/" + path)[.systemFileNumber] as? Int
            #expect(original != nil && original == linked, "\(path)")
        }
        // Links in the tree, to a folder and a file outside and deep down, are neither copied nor followed.
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: source.path + "/ru/встречи/0/a/b/c/ut", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: source.path + "/fil", withDestinationPath: outside.path + "/secret.txt")
        let second = base.appendingPathComponent("second")
        try FolderTree.linkCopy(source.path, to: second.path)
        #expect(listing(second) == files)
        // Copying onto a folder that exists is refused, not merged.
        #expect(throws: (any Error).self) { try FolderTree.linkCopy(source.path, to: copy.path) }
    }

    @Test func removalTakesTheWholeTreeAndNothingALinkPointsAt() throws {
        let base = temporary()
        defer { try? FileManager.default.removeItem(at: base) }
        let output = base.appendingPathComponent("output"), outside = base.appendingPathComponent("outside")
        _ = try makeTree(at: output)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        // Links to a folder and to a file outside, at the top and deep down.
        try FileManager.default.createSymbolicLink(atPath: output.path + "/elsewhere", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: output.path + "/sv/möten/möte 3/ut", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: output.path + "/zh/合作/深/层/fil", withDestinationPath: outside.path + "/keep.txt")
        // A link to a folder outside, below the levels that are shared out between threads.
        try FileManager.default.createSymbolicLink(atPath: output.path + "/ru/встречи/10/a/b/c/d/ut", withDestinationPath: outside.path)
        #expect(FolderTree.remove(output.path))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(listing(outside) == ["keep.txt"])
        // A path that is gone, or a link itself, is no error; the link goes and its target stays.
        #expect(FolderTree.remove(output.path))
        try FileManager.default.createSymbolicLink(atPath: base.path + "/link", withDestinationPath: outside.path)
        FolderTree.remove(base.path + "/link")
        #expect(listing(outside) == ["keep.txt"])
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: base.path + "/link")) == nil)
    }
}
