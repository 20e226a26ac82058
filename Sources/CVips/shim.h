#ifndef CVIPS_SHIM_H
#define CVIPS_SHIM_H
#include <vips/vips.h>

/* Swift cannot call C's variadic functions: these fix the options the build uses, one call each. */

/* The header only: pixels are decoded when something asks for them. */
static inline VipsImage *cvips_header_from_buffer(const void *data, size_t length) {
    return vips_image_new_from_buffer(data, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/* Decoded once at `width` (the largest size wanted), turned upright from its EXIF orientation; never enlarged.
   JPEG and WebP are shrunk while they load, so a large original never sits whole in memory. A truncated or
   damaged file is an error, not an image with a grey band. */
static inline int cvips_thumbnail_buffer(void *data, size_t length, VipsImage **out, int width) {
    return vips_thumbnail_buffer(data, length, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                                 "option_string", "fail_on=error", NULL);
}

/* A smaller size of an image already upright and in memory. */
static inline int cvips_thumbnail_image(VipsImage *in, VipsImage **out, int width) {
    return vips_thumbnail_image(in, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL);
}

static inline int cvips_jpegsave(VipsImage *in, void **buffer, size_t *length, int quality, gboolean strip) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", strip, "optimize_coding", TRUE, "interlace", TRUE, NULL);
}

static inline int cvips_pngsave(VipsImage *in, void **buffer, size_t *length, gboolean strip) {
    return vips_pngsave_buffer(in, buffer, length, "strip", strip, "compression", 9, NULL);
}

static inline int cvips_webpsave(VipsImage *in, void **buffer, size_t *length, int quality, gboolean strip) {
    return vips_webpsave_buffer(in, buffer, length, "Q", quality, "strip", strip, NULL);
}

static inline int cvips_avifsave(VipsImage *in, void **buffer, size_t *length, int quality, gboolean strip) {
    return vips_heifsave_buffer(in, buffer, length, "Q", quality, "strip", strip, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, NULL);
}

/* For tests and the benchmark: an image with every pixel computed from its position. */
static inline int cvips_xyz(VipsImage **out, int width, int height) {
    return vips_xyz(out, width, height, NULL);
}

static inline int cvips_getpoint(VipsImage *in, double **vector, int *count, int x, int y) {
    return vips_getpoint(in, vector, count, x, y, NULL);
}

static inline int cvips_cast_uchar(VipsImage *in, VipsImage **out) {
    return vips_cast(in, out, VIPS_FORMAT_UCHAR, NULL);
}

static inline int cvips_bandjoin3(VipsImage *a, VipsImage *b, VipsImage *c, VipsImage **out) {
    VipsImage *bands[3] = { a, b, c };
    return vips_bandjoin(bands, out, 3, NULL);
}

static inline int cvips_extract_band(VipsImage *in, VipsImage **out, int band) {
    return vips_extract_band(in, out, band, NULL);
}

static inline int cvips_linear1(VipsImage *in, VipsImage **out, double a, double b) {
    return vips_linear1(in, out, a, b, NULL);
}

static inline int cvips_gaussnoise(VipsImage **out, int width, int height) {
    return vips_gaussnoise(out, width, height, NULL);
}

static inline VipsImage *cvips_image_from_buffer(const void *data, size_t length) {
    return vips_image_new_from_buffer(data, length, "", NULL);
}
#endif
