import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// "Nothing leaked": the walkers follow no link out of the site, open no FIFO or device, and say what they
/// could not read; published files get ordinary permissions.
@Suite struct InputSafetyTests {
    let cli = CommandLineTests()
    let manager = FileManager.default

    func link(_ path: String, in site: URL, to target: String) throws {
        let url = site.appendingPathComponent(path)
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func allOutputFiles(_ output: URL) -> [String] {
        DiskFileSystem(root: output).files(under: "")
    }

    @Test func linksOutOfTheSiteAreLocatedErrorsAndNothingIsPublished() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let outside = manager.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        try "secret".write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try link("content/en/x.txt", in: site, to: "/etc/passwd")
        try link("content/en/environ.txt", in: site, to: "/proc/self/environ")
        try link("content/en/elsewhere", in: site, to: outside.path)
        try link("content/en/relative.md", in: site, to: "../../../\(outside.lastPathComponent)/secret.txt")
        try link("themes/default/static/leak.css", in: site, to: outside.appendingPathComponent("secret.txt").path)
        try link("content/en/broken.md", in: site, to: "no-such-file.md")

        for command in [["build"], ["check"]] {
            let result = try cli.run(command + ["--root", site.path])
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(result.stderr.contains("content/en/x.txt: error: symbolic link points outside the site (→ /etc/passwd)"))
            #expect(result.stderr.contains("content/en/environ.txt: error: symbolic link points outside the site (→ /proc/"))
            #expect(result.stderr.contains("content/en/elsewhere: error: symbolic link points outside the site (→ \(DirectoryWalkPath.real(outside.path)))"))
            #expect(result.stderr.contains("content/en/relative.md: error: symbolic link points outside the site"))
            #expect(result.stderr.contains("themes/default/static/leak.css: error: symbolic link points outside the site"))
            #expect(result.stderr.contains("content/en/broken.md: error: symbolic link points to nothing (→ no-such-file.md)"))
        }
        #expect(!manager.fileExists(atPath: site.appendingPathComponent("output").path))
    }

    @Test func linksInsideTheSiteWorkAndLoopsAreFound() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let shared = site.appendingPathComponent("shared files")
        try manager.createDirectory(at: shared, withIntermediateDirectories: true)
        try "PDF".write(to: shared.appendingPathComponent("rapport-möte.pdf"), atomically: true, encoding: .utf8)
        try link("content/en/projects/alpha-files", in: site, to: "../../../shared files")
        try link("content/en/logo.txt", in: site, to: shared.appendingPathComponent("rapport-möte.pdf").path)
        let built = try cli.run(["--root", site.path])
        #expect(built.status == 0, "\(built.stderr)")
        let output = site.appendingPathComponent("output")
        #expect(read(output, "en/projects/alpha-files/rapport-möte.pdf") == "PDF")
        #expect(read(output, "en/logo.txt") == "PDF")

        try link("content/en/projects/loop", in: site, to: "..")
        let looped = try cli.run(["--root", site.path])
        #expect(looped.status == 1)
        #expect(looped.stderr.contains("content/en/projects/loop: error: symbolic link leads back into a folder that holds it"))
        #expect(read(output, "en/logo.txt") == "PDF", "the previous output stays")
    }

    @Test func fifosAreNeverOpened() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        #expect(mkfifo(site.appendingPathComponent("content/en/pipe.md").path, 0o644) == 0)
        #expect(mkfifo(site.appendingPathComponent("content/en/pipe.pdf").path, 0o644) == 0)
        // Opening a FIFO for reading blocks until a writer comes: a build that tried would never end.
        let result = try cli.run(["--root", site.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/en/pipe.md: error: a FIFO (named pipe) is not a regular file; it is never opened"))
        #expect(result.stderr.contains("content/en/pipe.pdf: error: a FIFO (named pipe) is not a regular file"))
    }

    @Test func publishedFilesGetOrdinaryPermissions() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let bundleFile = site.appendingPathComponent("content/en/private.pdf")
        try "PDF".write(to: bundleFile, atomically: true, encoding: .utf8)
        #expect(chmod(bundleFile.path, 0o600) == 0)
        let result = try cli.run(["--root", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat(site.appendingPathComponent("output/en/private.pdf").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o644)
    }

    /// Root reads everything whatever the permissions, so the build runs as `nobody` here.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") || getuid() != 0))
    func unreadableFilesAndFoldersSayPermissionDenied() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        #expect(chmod(site.path, 0o777) == 0)
        try "---\ntitle: Hidden\n---\n".write(to: site.appendingPathComponent("content/en/hidden.md"), atomically: true, encoding: .utf8)
        #expect(chmod(site.appendingPathComponent("content/en/hidden.md").path, 0o000) == 0)
        try manager.createDirectory(at: site.appendingPathComponent("content/en/closed"), withIntermediateDirectories: true)
        try "---\ntitle: Inside\n---\n".write(to: site.appendingPathComponent("content/en/closed/inside.md"), atomically: true, encoding: .utf8)
        #expect(chmod(site.appendingPathComponent("content/en/closed").path, 0o000) == 0)
        let arguments = ["--root", site.path, "--no-cache"]
        let result = getuid() == 0
            ? try cli.run(arguments, as: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
            : try cli.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/en/hidden.md: error: cannot read the file: Permission denied"), "\(result.stderr)")
        #expect(result.stderr.contains("content/en/closed: error: cannot read: Permission denied"))
        #expect(!result.stderr.contains("UTF-8"))
    }

    @Test func twoNormalisationsOfOneNameAreAnError() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let composed = "rapport-\u{E5}.pdf"        // å as one scalar (NFC)
        let decomposed = "rapport-a\u{30A}.pdf"   // a + combining ring (NFD)
        try "one".write(toFile: site.path + "/content/sv/" + composed, atomically: false, encoding: .utf8)
        try "two".write(toFile: site.path + "/content/sv/" + decomposed, atomically: false, encoding: .utf8)
        let result = try cli.run(["--root", site.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: two names in one folder differ only by Unicode normalisation: 'rapport-"), "\(result.stderr)")
        #expect(result.stderr.contains("rapport-\\u{E5}.pdf") && result.stderr.contains("rapport-a\\u{30A}.pdf"))
    }
}

extension InputSafetyTests {
    /// File identity is the exact bytes of a name: a Linux web server answers a link in the other normalisation
    /// with 404, so the link check warns, and renaming a file between normalisations is a change.
    @Test func namesAreComparedByTheirExactBytes() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let bundle = site.appendingPathComponent("content/sv/rapport")
        try manager.createDirectory(at: bundle, withIntermediateDirectories: true)
        let composed = "bilaga-\u{E5}r.pdf", decomposed = "bilaga-a\u{30A}r.pdf"
        try "---\ntitle: Rapport\n---\nSe [bilagan](\(composed)).\n".write(to: bundle.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        try "PDF".write(toFile: bundle.path + "/" + composed, atomically: false, encoding: .utf8)
        let first = try cli.run(["--root", site.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("normalisation"))

        // The same name, decomposed: same size, same time, same inode.
        #expect(rename(bundle.path + "/" + composed, bundle.path + "/" + decomposed) == 0)
        let second = try cli.run(["--root", site.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.hasPrefix("Up to date"), "\(second.stdout)")
        // Once, where the link is written (cmark's percent-encoded href was taken for another link, the theme's).
        #expect(second.stderr.components(separatedBy: "content/sv/rapport/index.md:4:14: warning: link '\(composed)' matches sv/rapport/\(decomposed) only after Unicode normalisation").count == 2,
                "\(second.stderr)")
        #expect(second.stderr.components(separatedBy: "normalisation").count == 2, "\(second.stderr)")
        let published = try manager.contentsOfDirectory(atPath: site.path + "/output/sv/rapport").filter { $0.hasSuffix(".pdf") }
        #expect(published.map { Array($0.utf8) } == [Array(decomposed.utf8)])
    }
}

/// A path with its links resolved, as the build reports link targets.
enum DirectoryWalkPath {
    /// Every name starting with a dot below a folder, at any depth (relative paths).
    static func hiddenFiles(below folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if (path as NSString).lastPathComponent.hasPrefix(".") { found.append(path) }
        }
        return found.sorted()
    }

    static func real(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
