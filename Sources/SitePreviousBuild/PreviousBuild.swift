import Foundation
import SiteCheck
import SiteCore
import SiteSource

/// What the last build into this output left in `.build-site-cache/`, when it may be trusted: the state of
/// the build that wrote the output folder (same program, options and output; the output's marker names that
/// build; every file it wrote still there), with the stamps the inputs have now. Its linked site and parses
/// are read only when the build gets to use them, and only if they belong to that same build.
public struct PreviousBuild {
    public let root: URL
    public let state: BuildCache
    /// The stamps of the inputs now.
    public let inputs: InputStamps

    /// The stamps of the inputs now (read through `site`), and the usable previous build in `root`'s cache folder,
    /// or nil (a cold build). `settings` are this build's (`BuildCache.settings`), `outputID` the build id the
    /// output's marker names, `now` the moment publication dates are compared with.
    public static func read(root: URL, site: FileSystem, output: URL, settings: String, outputID: String?, now: Date)
        -> (stamps: InputStamps, previous: PreviousBuild?) {
        // The stamps on one core, the state and its checks on the other.
        let (state, inputs) = inParallel({ () -> BuildCache? in
            BuildCache.load(root: root).flatMap {
                $0.settings == settings && !$0.buildID.isEmpty && $0.buildID == outputID && !$0.publicationChanged(by: now)
                    && $0.outputIsIntact(output) ? $0 : nil
            }
        }, { InputStamps.read(from: site) })
        return (inputs, state.map { PreviousBuild(root: root, state: $0, inputs: inputs) })
    }

    /// Nothing was read, rendered or written differently since: the output stands as it is.
    public var nothingChanged: Bool { state.inputs == inputs }

    /// The markdown files edited since, when nothing else changed (no file added or removed, no setting, template
    /// or bundle file): then the linked site may be taken from the site cache.
    public var editedPages: [String]? {
        Self.editedFiles(since: state.inputs, now: inputs)
    }

    /// The markdown files that changed, when nothing else did: none added or removed, nothing but markdown
    /// under `content/` (a changed `site.yml`, template, string or bundle file means a full build).
    static func editedFiles(since previous: InputStamps, now: InputStamps) -> [String]? {
        guard previous.stamps.count == now.stamps.count else { return nil }
        var edited: [String] = []
        for (path, stamp) in now.stamps where previous.stamps[path] != stamp {
            // A rename to another normalisation of the name changes the page's address: a full build.
            guard let before = previous.stamps[path], InputStamps.sameExactName(before, stamp),
                  path.hasPrefix(ContentLoader.contentFolder + "/"), path.hasSuffix(".md") else { return nil }
            edited.append(path)
        }
        return edited.sorted()
    }


    /// The linked site of the previous build, if the site cache belongs to it.
    public func siteCache() -> SiteCache? {
        SiteCache.load(root: root).flatMap { $0.buildID == state.cacheID ? $0 : nil }
    }

    /// The parses of the previous build, if the parse cache belongs to it.
    public func parseCache() -> ParseCache? {
        ParseCache.load(root: root).flatMap { $0.buildID == state.cacheID ? $0 : nil }
    }

    /// The output as the previous build left it: what pages not rendered again are checked against.
    public func output(_ directory: URL) -> OutputTree {
        OutputTree(directory: directory, manifest: state.manifest)
    }

    /// Before the output changes, the state describing the old one goes: if the build stops while writing, the
    /// next one trusts nothing and builds cold.
    public func invalidate() {
        try? FileManager.default.removeItem(atPath: BuildCache.path(root: root))
    }
}

/// The output folder as the last build left it, by its manifest: the pages a partial rebuild renders are
/// checked against it (links into pages that were not rendered again are read from there).
public struct OutputTree: Sendable {
    public let directory: URL
    public let manifest: [String: String]

    public var unchanged: UnchangedOutput {
        let root = directory.path
        return UnchangedOutput(paths: Set(manifest.keys)) { path in
            FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) }
        }
    }
}

