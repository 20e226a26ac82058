// swift-tools-version: 6.0
import PackageDescription
import Foundation

// mimalloc (Debian's libmimalloc-dev, installed by `make deps`) in place of glibc's malloc: a build allocates
// millions of small strings and arrays on two threads, and glibc's arenas took 13 % of its CPU. Measured at N=5000
// on /dev/shm, median of three: 4.83 s → 4.23 s without taxonomies, 6.40 s → 5.42 s with tags (docs/performance.md).
// Only the executable links it, and only where it is installed: `swift build` without it still builds, slower.
// (The folders the linker searches on its own; `make deps` looks in the same ones.) A binary linked with it needs
// libmimalloc2.0 where it runs.
let mimalloc = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"]
    .contains { FileManager.default.fileExists(atPath: $0 + "/libmimalloc.so") }

// One target per concept; the dependency arrows are the ones in ../shared/DESIGN.md.
let package = Package(
    name: "build-site",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "build-site", targets: ["build-site"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libvips, for resizing and re-encoding the images of bundles (Debian's libvips-dev).
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(name: "SiteCore"),
        // The Mustache engine: templates parsed with the place of every tag, rendered over typed views.
        .target(name: "SiteTemplates"),
        // The themes that ship with the tool, as resources: a site without a `themes/` folder uses them.
        .target(name: "SiteThemes", resources: [.copy("themes")]),
        .target(name: "SiteMarkdown", dependencies: ["CCmark"]),
        .target(
            name: "SiteSource",
            dependencies: ["SiteCore", "SiteThemes", .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(name: "SiteLinker", dependencies: ["SiteCore"]),
        .target(
            name: "SiteRender",
            dependencies: [
                "SiteCore", "SiteMarkdown", "SiteTemplates",
            ]
        ),
        .target(name: "SiteCheck", dependencies: ["SiteCore"]),
        .target(name: "SiteImages", dependencies: ["CVips", "SiteCore", "SiteSource", .product(name: "Yams", package: "Yams")]),
        .target(name: "SiteEditing", dependencies: ["SiteCore", "SiteSource"]),
        .target(name: "SiteServe", dependencies: ["SiteCore", "SiteSource", "SitePreviousBuild", "SiteBuild", .product(name: "FlyingFox", package: "FlyingFox")]),
        // What the last build left: on disk for `build`, in memory for `serve`; and what to render again after it.
        .target(name: "SitePreviousBuild", dependencies: ["SiteCore", "SiteSource", "SiteLinker", "SiteRender", "SiteCheck"]),
        .target(name: "SiteBuild", dependencies: ["SiteCore", "SiteSource", "SiteLinker", "SiteRender", "SiteCheck", "SitePreviousBuild", "SiteImages"]),
        .executableTarget(
            name: "build-site",
            dependencies: ["SiteBuild", "SiteEditing", "SiteServe", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: mimalloc ? [.linkedLibrary("mimalloc")] : []
        ),
        .testTarget(
            name: "SiteTests",
            dependencies: [
                "SiteCore", "SiteMarkdown", "SiteSource", "SiteLinker", "SiteRender", "SiteTemplates", "SiteCheck", "SitePreviousBuild", "SiteBuild", "SiteEditing", "SiteServe",
                "SiteImages", "CVips",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
