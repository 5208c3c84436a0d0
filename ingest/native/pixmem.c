/* Tesseract keeps each text line's image as encoded bytes (ImageData) and decodes them again to
 * recognise the line. Debian's libtesseract (built without TESSERACT_IMAGEDATA_AS_PIX) encodes
 * them as PNG at zlib level 6: ~5-6 % of the CPU of a page goes to compressing and inflating
 * images that live for a few milliseconds. Put into the global symbol scope ahead of libtesseract
 * (ingest/pixmem.py), this pixWriteMem writes leptonica's own uncompressed serialisation (SPIX)
 * when asked for PNG. leptonica's pixReadMem tells the two apart by their magic bytes, so the
 * pixels Tesseract recognises are the same, and so is its output. Every other format goes to the
 * real function. Nothing here links against leptonica: vnr_pixmem_bind looks both functions up
 * through a handle, finally libtesseract's own, so they come from the leptonica it uses. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

#define IFF_PNG 3

typedef int (*write_mem_fn)(uint8_t **, size_t *, void *, int);
typedef int (*write_spix_fn)(uint8_t **, size_t *, void *);

static write_mem_fn real_write_mem;
static write_spix_fn write_spix;
static long replaced;
static int enabled = 1;

int pixWriteMem(uint8_t **pdata, size_t *psize, void *pix, int format);

/* 1 if both functions were found (and are not this file's own pixWriteMem, which would recurse);
 * 0 leaves the previous binding. */
int vnr_pixmem_bind(void *leptonica) {
    write_mem_fn write_mem = (write_mem_fn)dlsym(leptonica, "pixWriteMem");
    write_spix_fn spix = (write_spix_fn)dlsym(leptonica, "pixWriteMemSpix");
    if (write_mem == NULL || spix == NULL || write_mem == pixWriteMem)
        return 0;
    real_write_mem = write_mem;
    write_spix = spix;
    return 1;
}

long vnr_pixmem_replaced(void) { return replaced; }

/* Off: every call goes to leptonica (the tests compare Tesseract's output both ways). */
void vnr_pixmem_enable(int on) { enabled = on; }

int pixWriteMem(uint8_t **pdata, size_t *psize, void *pix, int format) {
    if (enabled && format == IFF_PNG && pix != NULL && write_spix != NULL) {
        __atomic_add_fetch(&replaced, 1, __ATOMIC_RELAXED);
        return write_spix(pdata, psize, pix);
    }
    if (real_write_mem == NULL)
        return 1; /* leptonica's own "error" return: only reachable if bind was never called */
    return real_write_mem(pdata, psize, pix, format);
}
