/* The memory model's views in C: what _views_ctypes.py does, without ctypes' cost.

   Every typed array, DataView and Buffer is a view of a range of an array buffer's memory that exports
   it through the buffer protocol (Python 3.11 has no __buffer__ for a Python class to do so). The
   pure-Python fallback lays a ctypes structure at the memory's address: ~0.7 µs a view, more than
   encoding a kilobyte or hashing a message, which is what Buffer.from and digest() do over and over.
   Here a view is a small object holding the array buffer, the range and a pointer into it: ~0.1 µs.

   The API is _views_ctypes.View's, name for name (typed_arrays.py takes whichever imports):
     View._lay(ab, offset, length)          a view of ``length`` elements at byte ``offset`` of ``ab``
     View._lay_copy(ab, offset, data, n)    the same over ``n`` bytes, holding data[:n]
     View._copy_of(data)                    a view of all of a new ArrayBuffer holding a copy of data (made
                                            when _ab is first read: V8's on-heap typed arrays)
     set_array_buffer(cls)                  the ArrayBuffer class _copy_of makes
   and the attributes _ab, _off, _len (read-only), _raw (the view's bytes, a memoryview) and _mv (its
   elements: _raw cast to the class's _format), the last two made on first use. A class's _format and
   _element_size are "B" and 1 unless it says otherwise (each typed array does).

   An array buffer is a Memory (AnyArrayBuffer's base), whose memory is set once and never moves, so each
   view keeps a pointer into it (and the array buffer):
     Memory._allocate(n)                    its memory: n zero bytes of its own
     Memory._hold(mem)                      its memory: mem's (a writable bytes-like the caller gives up)
   and the attributes _bytes (a writable, byte-formatted memoryview of all of it), _size and _address.
   Buffer's pool is a Pool (buffer.py's _Pool), whose ab, size and offset from_string reads as fields.
   Two shortcuts (_shortcut.h) stand for buffer.py's functions (the ctypes twin: the functions themselves):
     FromString(from_, cls, pool)           Buffer.from itself: a string to from_string first, the rest
                                            (and what it leaves) to from_
     ToString(to_string)                    buf.toString itself: a whole Buffer's UTF-8 here, the rest to
                                            to_string
   View._from_string(pool, s, encoding) is FromString's C path alone (None where buffer.py decides), for
   tests/test_views.py to hold it to buffer.py's. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_shortcut.h"
#include "_views_capi.h"

typedef struct {
    PyObject_HEAD
    PyObject *ab;        /* the array buffer (a Memory): it owns the memory the view points into; NULL
                            while the view owns it (_copy_of's, until _ab is read) */
    char *ptr;           /* the first byte of the view */
    Py_ssize_t off;      /* byte offset in ab */
    Py_ssize_t nbytes;
    Py_ssize_t len;      /* elements */
    PyObject *raw;       /* memoryview of the bytes, or NULL until asked for */
    PyObject *mv;        /* memoryview of the elements, or NULL until asked for */
    char owns;           /* ptr is the view's own (PyMem), its ArrayBuffer not made yet */
} View;

/* An array buffer's memory. It never moves or changes size once set (_allocate, _hold, or made here),
   so a view keeps a pointer into it. */
typedef struct {
    PyObject_HEAD
    char *ptr;           /* the first byte; NULL until set (an empty memory's: no_bytes) */
    Py_ssize_t size;
    PyObject *owner;     /* what holds the bytes (a memoryview of _hold's mem, or a codec's bytes object
                            no one else holds); NULL where they were allocated here */
} Memory;

static char no_bytes[1];  /* where the views of an empty memory lie */

/* Buffer's pool (lib/buffer.js's allocPool, poolSize and poolOffset): buffer.py's _Pool, whose create()
   is createPool; its fields are read here without an attribute lookup. */
typedef struct {
    PyObject_HEAD
    PyObject *ab;        /* allocPool's ArrayBuffer */
    Py_ssize_t size;     /* poolSize: Buffer.poolSize when the pool was made */
    Py_ssize_t offset;   /* poolOffset */
} Pool;

static PyTypeObject PoolType;

/* Its first byte (an empty memory's, and one not set yet: no_bytes). */
static char *
memory_start(Memory *memory)
{
    return memory->ptr ? memory->ptr : no_bytes;
}

/* Its memory is set once: a view of it may already point into it. */
static int
memory_settable(Memory *memory)
{
    if (memory->ptr != NULL || memory->owner != NULL) {
        PyErr_SetString(PyExc_ValueError, "this array buffer's memory is set already");
        return -1;
    }
    return 0;
}

/* Sets its memory to n bytes of its own (zeroed, or not where the caller writes them all). */
static int
memory_set_own(Memory *memory, Py_ssize_t n, int zeroed)
{
    if (memory_settable(memory) < 0)
        return -1;
    memory->ptr = n == 0 ? no_bytes : zeroed ? PyMem_Calloc(n, 1) : PyMem_Malloc(n);
    if (memory->ptr == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memory->size = n;
    return 0;
}

static PyTypeObject MemoryType;

static PyObject *str_format, *str_element_size, *str_B, *str_cast;
static PyObject *str_pool_size, *str_create, *str_utf8, *str_utf_8, *str_base64, *str_hex;
static PyObject *array_buffer_class;  /* set_array_buffer */

static int
view_traverse(View *self, visitproc visit, void *arg)
{
    Py_VISIT(self->ab);
    Py_VISIT(self->raw);
    Py_VISIT(self->mv);
    return 0;
}

static int
view_clear(View *self)
{
    Py_CLEAR(self->ab);
    Py_CLEAR(self->raw);
    Py_CLEAR(self->mv);
    return 0;
}

static void
view_dealloc(View *self)
{
    PyObject_GC_UnTrack(self);
    view_clear(self);
    if (self->owns && self->ptr != no_bytes)
        PyMem_Free(self->ptr);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
view_getbuffer(View *self, Py_buffer *buffer, int flags)
{
    return PyBuffer_FillInfo(buffer, (PyObject *)self, self->ptr, self->nbytes, 0, flags);
}

static PyBufferProcs view_as_buffer = {(getbufferproc)view_getbuffer, NULL};

/* The memory of an array buffer: its first byte and its size. */
static int
memory_of(PyObject *ab, char **ptr, Py_ssize_t *size)
{
    if (!PyObject_TypeCheck(ab, &MemoryType)) {
        PyErr_Format(PyExc_TypeError, "a view of a %.100s: not an array buffer", Py_TYPE(ab)->tp_name);
        return -1;
    }
    *ptr = memory_start((Memory *)ab);
    *size = ((Memory *)ab)->size;
    return 0;
}

static Py_ssize_t
element_size(PyTypeObject *cls)
{
    PyObject *size = PyObject_GetAttr((PyObject *)cls, str_element_size);
    if (size == NULL)
        return -1;
    Py_ssize_t n = PyLong_AsSsize_t(size);
    Py_DECREF(size);
    return n;
}

static View *
lay(PyTypeObject *cls, PyObject *ab, Py_ssize_t offset, Py_ssize_t nbytes, Py_ssize_t length)
{
    char *ptr;
    Py_ssize_t size;
    if (memory_of(ab, &ptr, &size) < 0)
        return NULL;
    if (offset < 0 || nbytes < 0 || offset > size - nbytes) {  /* ctypes' from_buffer check, kept */
        PyErr_Format(PyExc_ValueError, "a view of %zd bytes at %zd is outside the array buffer", nbytes, offset);
        return NULL;
    }
    View *view = (View *)cls->tp_alloc(cls, 0);
    if (view == NULL)
        return NULL;
    Py_INCREF(ab);
    view->ab = ab;
    view->ptr = ptr + offset;
    view->off = offset;
    view->nbytes = nbytes;
    view->len = length;
    return view;
}

static PyObject *
view_lay(PyObject *cls, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "_lay(ab, offset, length)");
        return NULL;
    }
    Py_ssize_t offset = PyLong_AsSsize_t(args[1]);
    Py_ssize_t length = PyLong_AsSsize_t(args[2]);
    if ((offset == -1 || length == -1) && PyErr_Occurred())
        return NULL;
    Py_ssize_t size = element_size((PyTypeObject *)cls);
    if (size < 0)
        return NULL;
    return (PyObject *)lay((PyTypeObject *)cls, args[0], offset, length * size, length);
}

static PyObject *
view_lay_copy(PyObject *cls, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "_lay_copy(ab, offset, data, n)");
        return NULL;
    }
    Py_ssize_t offset = PyLong_AsSsize_t(args[1]);
    Py_ssize_t n = PyLong_AsSsize_t(args[3]);
    if ((offset == -1 || n == -1) && PyErr_Occurred())
        return NULL;
    Py_buffer data;
    if (PyObject_GetBuffer(args[2], &data, PyBUF_SIMPLE) < 0)
        return NULL;
    if (n < 0 || n > data.len) {
        PyBuffer_Release(&data);
        PyErr_Format(PyExc_ValueError, "%zd bytes of %zd", n, data.len);
        return NULL;
    }
    View *view = lay((PyTypeObject *)cls, args[0], offset, n, n);
    if (view != NULL)
        memcpy(view->ptr, data.buf, n);
    PyBuffer_Release(&data);
    return (PyObject *)view;
}

/* A new ArrayBuffer (set_array_buffer's class: object.__new__, no __init__), its memory not yet set. */
static Memory *
new_array_buffer_object(void)
{
    if (array_buffer_class == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_array_buffer() was not called");
        return NULL;
    }
    PyTypeObject *abtype = (PyTypeObject *)array_buffer_class;
    return (Memory *)abtype->tp_alloc(abtype, 0);
}

/* A new ArrayBuffer of n bytes, uninitialised (the caller writes all of them), and its first byte. */
static PyObject *
new_array_buffer(Py_ssize_t n, char **ptr)
{
    Memory *ab = new_array_buffer_object();
    if (ab == NULL || memory_set_own(ab, n, 0) < 0) {
        Py_XDECREF(ab);
        return NULL;
    }
    *ptr = ab->ptr;
    return (PyObject *)ab;
}

/* A new ArrayBuffer holding a copy of n bytes at data. */
static PyObject *
array_buffer_copying(const char *data, Py_ssize_t n)
{
    char *ptr;
    PyObject *ab = new_array_buffer(n, &ptr);
    if (ab != NULL)
        memcpy(ptr, data, n);
    return ab;
}

/* A new ArrayBuffer whose memory is data's storage (a bytes object the caller made and holds the only
   reference to); otherwise, a copy. A bytes object is immutable to everyone who can see it; this one
   nobody else can (the codec made it for us: one reference, never hashed, never shared), so it can be
   an ArrayBuffer's memory without the copy, as CPython itself writes into a bytes object it has just
   made. */
static PyObject *
array_buffer_owning(PyObject *data)
{
    Py_ssize_t n = PyBytes_GET_SIZE(data);
    if (Py_REFCNT(data) != 1 || n < 2)  /* shared, or one of CPython's cached bytes ('' and each byte) */
        return array_buffer_copying(PyBytes_AS_STRING(data), n);
    Memory *ab = new_array_buffer_object();
    if (ab == NULL)
        return NULL;
    ab->owner = Py_NewRef(data);
    ab->ptr = PyBytes_AS_STRING(data);
    ab->size = n;
    return (PyObject *)ab;
}

/* A view of all of n bytes of its own, not yet written (the caller writes them all), made the way V8
   makes a small typed array (on its heap; JSTypedArray::GetBuffer): the bytes are the view's own until _ab
   is read, and only then is their ArrayBuffer made, taking them over where they are (they never move).
   A digest's Buffer, read and dropped, costs one object instead of two. cls is byte-sized (a Buffer). */
static PyObject *
owning_view(PyTypeObject *cls, Py_ssize_t n, char **ptr)
{
    char *bytes = n == 0 ? no_bytes : PyMem_Malloc(n);
    if (bytes == NULL)
        return PyErr_NoMemory();
    View *view = (View *)cls->tp_alloc(cls, 0);
    if (view == NULL) {
        if (bytes != no_bytes)
            PyMem_Free(bytes);
        return NULL;
    }
    view->ptr = *ptr = bytes;
    view->owns = 1;
    view->nbytes = view->len = n;
    return (PyObject *)view;
}

/* _copy_of: an owning view holding a copy of data. */
static PyObject *
view_copy_of(PyObject *cls, PyObject *data)
{
    Py_buffer b;
    if (PyObject_GetBuffer(data, &b, PyBUF_SIMPLE) < 0)
        return NULL;
    char *ptr = NULL;
    PyObject *view = owning_view((PyTypeObject *)cls, b.len, &ptr);
    if (view != NULL)
        memcpy(ptr, b.buf, b.len);
    PyBuffer_Release(&b);
    return view;
}

/* What _digests.c calls without a Python call in between (the capsule nodespec.reference._views._C_API):
   a digest is written straight into its Buffer's bytes. */
static PyTypeObject ViewType;
static ViewsCAPI c_api = {sizeof(ViewsCAPI), &ViewType, owning_view};

/* An attribute that is a non-negative int (of a C long long); -1 where it is something else (the
   caller leaves it to buffer.py), -2 with the error set where it could not be read. */
static long long
int_attribute(PyObject *obj, PyObject *name)
{
    PyObject *value = PyObject_GetAttr(obj, name);
    if (value == NULL)
        return -2;
    long long n = PyLong_CheckExact(value) ? PyLong_AsLongLong(value) : -1;
    Py_DECREF(value);
    if (n == -1 && PyErr_Occurred())
        PyErr_Clear();  /* too large for a long long: not the common case either */
    return n < 0 ? -1 : n;
}

enum { UTF8, BASE64, HEX, OTHER };

static int
encoding_of(PyObject *encoding)
{
    if (encoding == Py_None)
        return UTF8;
    if (!PyUnicode_CheckExact(encoding))
        return OTHER;
    if (PyUnicode_Compare(encoding, str_utf8) == 0 || PyUnicode_Compare(encoding, str_utf_8) == 0)
        return UTF8;
    if (PyUnicode_Compare(encoding, str_base64) == 0)
        return BASE64;
    if (PyUnicode_Compare(encoding, str_hex) == 0)
        return HEX;
    return OTHER;
}

/* Each byte's hex digit value, or -1. */
static signed char hex_values[256];

/* Writes the bytes of a clean hex string (ASCII hex digits in pairs) at out; -1 otherwise (Node stops
   at the first bad pair: buffer.py's to say where). */
static Py_ssize_t
hex_write(PyObject *s, char *out)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (!PyUnicode_IS_ASCII(s) || n & 1)
        return -1;
    const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(s);
    for (Py_ssize_t i = 0; i < n; i += 2) {
        int high = hex_values[chars[i]], low = hex_values[chars[i + 1]];
        if ((high | low) < 0)
            return -1;
        out[i / 2] = (char)(high << 4 | low);
    }
    return n / 2;
}

/* Each byte's value as a base64 digit of the standard alphabet, or -1. */
static signed char base64_values[256];

/* Writes the bytes of a clean base64 string (the standard alphabet in whole groups of four, '=' padding
   only at its end: what binascii's strict mode takes) at out, which has room for base64_byte_length(s)
   (its size); -1 otherwise (Node's decoder is lenient: buffer.py's to decode). Bits past the last
   byte are dropped, as Node and binascii drop them. */
static Py_ssize_t
base64_write(PyObject *s, char *out)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (!PyUnicode_IS_ASCII(s) || n == 0 || n & 3)
        return -1;
    const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(s), *last = chars + n - 4;
    int pads = last[3] != '=' ? 0 : last[2] != '=' ? 1 : 2;
    char *o = out;
    for (const Py_UCS1 *c = chars; c < last; c += 4) {
        int a = base64_values[c[0]], b = base64_values[c[1]], d = base64_values[c[2]], e = base64_values[c[3]];
        if ((a | b | d | e) < 0)
            return -1;
        *o++ = (char)(a << 2 | b >> 4);
        *o++ = (char)((b & 0xF) << 4 | d >> 2);
        *o++ = (char)((d & 0x3) << 6 | e);
    }
    int a = base64_values[last[0]], b = base64_values[last[1]];
    int d = pads == 2 ? 0 : base64_values[last[2]], e = pads ? 0 : base64_values[last[3]];
    if ((a | b | d | e) < 0)
        return -1;
    *o++ = (char)(a << 2 | b >> 4);
    if (pads < 2)
        *o++ = (char)((b & 0xF) << 4 | d >> 2);
    if (pads < 1)
        *o++ = (char)((d & 0x3) << 6 | e);
    return o - out;
}

/* The UTF-8 bytes of a string without a surrogate (a lone one in JavaScript's terms: buffer.py writes
   U+FFFD for it), from Python's codec; NULL with no error set otherwise. */
static PyObject *
utf8_bytes(PyObject *s)
{
    PyObject *data = PyUnicode_AsUTF8String(s);
    if (data == NULL && PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
        PyErr_Clear();
    return data;
}

/* Buffer.byteLength(s, 'base64'): lib/buffer.js's estimate from the string's length. */
static Py_ssize_t
base64_byte_length(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(s);  /* ASCII: one unit a character */
    if (n > 0 && chars[n - 1] == '=') {
        n -= 1;
        if (n > 1 && chars[n - 1] == '=')
            n -= 1;
    }
    return (n * 3) >> 2;
}

/* string.length: UTF-16 units, two for a character above U+FFFF. */
static Py_ssize_t
js_length(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), units = n;
    if (PyUnicode_KIND(s) == PyUnicode_4BYTE_KIND) {
        const Py_UCS4 *chars = PyUnicode_4BYTE_DATA(s);
        for (Py_ssize_t i = 0; i < n; i++)
            units += chars[i] > 0xFFFF;
    }
    return units;
}

/* Writes the string's bytes at out, which has room for `room` (at least the string's size), and
   returns how many; -1 where buffer.py is to decide (the string is not clean), -2 on an error. */
static Py_ssize_t
write_string(PyObject *s, int encoding, char *out, Py_ssize_t room)
{
    if (encoding == HEX)
        return hex_write(s, out);
    if (encoding == BASE64)
        return base64_write(s, out);
    PyObject *data = utf8_bytes(s);
    if (data == NULL)
        return PyErr_Occurred() ? -2 : -1;
    Py_ssize_t n = Py_MIN(PyBytes_GET_SIZE(data), room);
    memcpy(out, PyBytes_AS_STRING(data), n);
    Py_DECREF(data);
    return n;
}

/* Node's createFromString for a clean string: an ArrayBuffer of its size, holding its bytes; None where
   buffer.py is to decide. The codec's bytes object becomes the memory itself, not a copy. data: the
   codec's bytes if the caller has made them (its reference is this function's), or NULL. */
static PyObject *
created_from_string(PyObject *cls, PyObject *s, int encoding, PyObject *data)
{
    if (encoding != UTF8) {  /* written straight into an ArrayBuffer of the size createFromString estimates */
        Py_ssize_t size = encoding == HEX ? PyUnicode_GET_LENGTH(s) / 2 : base64_byte_length(s);  /* ASCII */
        char *ptr;
        PyObject *ab = new_array_buffer(size, &ptr), *result;
        if (ab == NULL)
            return NULL;
        Py_ssize_t written = write_string(s, encoding, ptr, size);
        result = written == size ? (PyObject *)lay((PyTypeObject *)cls, ab, 0, size, size) : Py_NewRef(Py_None);
        Py_DECREF(ab);
        return result;
    }
    if (data == NULL)  /* the codec's bytes, made once: the caller's given (stolen) or made here */
        data = utf8_bytes(s);
    if (data == NULL)
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    Py_ssize_t size = PyBytes_GET_SIZE(data);
    PyObject *ab = array_buffer_owning(data);
    PyObject *result = ab ? (PyObject *)lay((PyTypeObject *)cls, ab, 0, size, size) : NULL;
    Py_XDECREF(ab);
    Py_DECREF(data);
    return result;
}

/* Buffer.from(string[, encoding]): Node's fromStringFast (and createFromString past the pool's half),
   as buffer.py's _from_string_fast does it, for UTF-8 (encoding None, 'utf8' or 'utf-8'), clean base64
   and clean hex ('base64', 'hex'), the bytes written straight into the pool or the new ArrayBuffer; None
   wherever buffer.py is to decide (another encoding or spelling, a lone surrogate, a string that is not
   clean, an empty string, a Buffer.poolSize that is not a plain uint32). A pool without room is replaced
   by the pool's own create() (createPool), as fromStringFast does.
   tests/test_views.py checks it against buffer.py. */
static PyObject *
from_string(PyObject *cls, PyObject *pool_object, PyObject *s, PyObject *encoding_name)
{
    if (!PyObject_TypeCheck(pool_object, &PoolType)) {
        PyErr_SetString(PyExc_TypeError, "_from_string(pool, string, encoding): pool, a Pool");
        return NULL;
    }
    Pool *pool = (Pool *)pool_object;
    int encoding = encoding_of(encoding_name);
    if (encoding == OTHER || !PyUnicode_CheckExact(s) || PyUnicode_READY(s) < 0 || PyUnicode_GET_LENGTH(s) == 0)
        Py_RETURN_NONE;
    long long pool_size = int_attribute(cls, str_pool_size);
    if (pool_size == -2)
        return NULL;
    if (pool_size < 0 || pool_size > 0xFFFFFFFFLL || pool->size < 0 || pool->offset < 0 || pool->ab == NULL)
        Py_RETURN_NONE;
    if (encoding != UTF8 && !PyUnicode_IS_ASCII(s))
        Py_RETURN_NONE;  /* each unit's low byte: buffer.py's */
    Py_ssize_t max_length = (Py_ssize_t)(pool_size >> 1), room = pool->size - pool->offset;
    /* fromStringFast's three tests of string.length (>= maxLength, * 4 >= maxLength, * 4 > room) decide
       alike for every count between the string's code points and twice as many: counting is skipped
       where they do (as buffer.py's _js_length skips it) */
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), most = PyUnicode_KIND(s) == PyUnicode_4BYTE_KIND ? 2 * n : n;
    Py_ssize_t units = n >= max_length || (most * 4 < max_length && most * 4 <= room) ? n : js_length(s);
    if (units >= max_length)
        return created_from_string(cls, s, encoding, NULL);
    Py_ssize_t length = units * 4;
    PyObject *data = NULL;  /* the codec's bytes, once made */
    View *view = NULL;
    if (length >= max_length) {
        if (encoding == UTF8) {  /* byteLength: the UTF-8's size, so the bytes themselves */
            data = utf8_bytes(s);
            if (data == NULL)
                return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
            length = PyBytes_GET_SIZE(data);
        }
        else
            length = encoding == HEX ? n >> 1 : base64_byte_length(s);
    }
    if (length >= max_length)
        return created_from_string(cls, s, encoding, data);  /* data's reference goes with it */
    if (length > room) {  /* createPool: the pool's own create() (buffer.py's _Pool.create) */
        PyObject *created = PyObject_CallMethodNoArgs((PyObject *)pool, str_create);
        if (created == NULL)
            goto done;
        Py_DECREF(created);
        if (pool->offset != 0 || length > pool->size || pool->ab == NULL) {  /* not what createPool makes */
            PyErr_SetString(PyExc_ValueError, "the new pool has no room");
            goto done;
        }
    }
    PyObject *ab = pool->ab;
    Py_ssize_t offset = pool->offset, ab_size;
    char *ptr;
    if (memory_of(ab, &ptr, &ab_size) < 0)
        goto done;
    if (offset + length > ab_size) {  /* a pool smaller than its size says: lay() would refuse it too */
        PyErr_SetString(PyExc_ValueError, "the pool is smaller than its size");
        goto done;
    }
    Py_ssize_t actual;
    if (data != NULL) {
        actual = Py_MIN(PyBytes_GET_SIZE(data), length);
        memcpy(ptr + offset, PyBytes_AS_STRING(data), actual);
    }
    else
        actual = write_string(s, encoding, ptr + offset, length);
    if (actual == -1)  /* not clean after all: the pool's bytes past its offset are nobody's yet */
        Py_RETURN_NONE;
    if (actual < 0)
        goto done;
    view = lay((PyTypeObject *)cls, ab, offset, actual, actual);
    if (view != NULL) {
        offset += actual;
        pool->offset = offset & 7 ? (offset | 7) + 1 : offset;  /* alignPool */
    }
done:
    Py_XDECREF(data);
    return (PyObject *)view;
}

static PyObject *
view_from_string(PyObject *cls, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "_from_string(pool, string, encoding)");
        return NULL;
    }
    return from_string(cls, args[0], args[1], args[2]);
}

static PyObject *
view_get_raw(View *self, void *closure)
{
    if (self->raw == NULL) {
        self->raw = PyMemoryView_FromObject((PyObject *)self);
        if (self->raw == NULL)
            return NULL;
    }
    Py_INCREF(self->raw);
    return self->raw;
}

static PyObject *
view_get_mv(View *self, void *closure)
{
    if (self->mv == NULL) {
        PyObject *raw = view_get_raw(self, NULL);
        if (raw == NULL)
            return NULL;
        PyObject *format = PyObject_GetAttr((PyObject *)Py_TYPE(self), str_format);
        if (format == NULL) {
            Py_DECREF(raw);
            return NULL;
        }
        int bytes = PyUnicode_Compare(format, str_B) == 0;
        self->mv = bytes ? (Py_INCREF(raw), raw) : PyObject_CallMethodOneArg(raw, str_cast, format);
        Py_DECREF(format);
        Py_DECREF(raw);
        if (self->mv == NULL)
            return NULL;
    }
    Py_INCREF(self->mv);
    return self->mv;
}

/* _ab: the array buffer; a view that owns its bytes (_copy_of's) gives them to a new one now. */
static PyObject *
view_get_ab(View *self, void *closure)
{
    if (self->ab == NULL && !self->owns)  /* cleared by the collector, as a member's NULL */
        Py_RETURN_NONE;
    if (self->owns) {
        Memory *ab = new_array_buffer_object();
        if (ab == NULL)
            return NULL;
        ab->ptr = self->ptr;
        ab->size = self->nbytes;
        self->ab = (PyObject *)ab;
        self->owns = 0;
    }
    return Py_NewRef(self->ab);
}

static PyGetSetDef view_getset[] = {
    {"_ab", (getter)view_get_ab, NULL, "the array buffer", NULL},
    {"_raw", (getter)view_get_raw, NULL, "the view's bytes: a writable, byte-formatted memoryview", NULL},
    {"_mv", (getter)view_get_mv, NULL, "the view's elements: _raw cast to its class's _format", NULL},
    {NULL},
};

static PyMemberDef view_members[] = {
    {"_off", T_PYSSIZET, offsetof(View, off), READONLY, "the byte offset in it"},
    {"_len", T_PYSSIZET, offsetof(View, len), READONLY, "the number of elements"},
    {NULL},
};

static PyMethodDef view_methods[] = {
    {"_lay", (PyCFunction)(void (*)(void))view_lay, METH_FASTCALL | METH_CLASS,
     "_lay(ab, offset, length): the view of length elements at byte offset of ab"},
    {"_lay_copy", (PyCFunction)(void (*)(void))view_lay_copy, METH_FASTCALL | METH_CLASS,
     "_lay_copy(ab, offset, data, n): the view of n bytes at offset of ab, holding data[:n]"},
    {"_from_string", (PyCFunction)(void (*)(void))view_from_string, METH_FASTCALL | METH_CLASS,
     "_from_string(pool, string, encoding): Buffer.from(string) from the pool, or None: buffer.py decides"},
    {"_copy_of", (PyCFunction)view_copy_of, METH_O | METH_CLASS,
     "_copy_of(data): the view of all of a new ArrayBuffer holding a copy of data"},
    {NULL},
};

static PyTypeObject ViewType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._views.View",
    .tp_doc = "A range of an array buffer's memory, exported through the buffer protocol.",
    .tp_basicsize = sizeof(View),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)view_traverse,
    .tp_clear = (inquiry)view_clear,
    .tp_dealloc = (destructor)view_dealloc,
    .tp_as_buffer = &view_as_buffer,
    .tp_methods = view_methods,
    .tp_members = view_members,
    .tp_getset = view_getset,
};

static void
memory_dealloc(Memory *self)
{
    if (self->owner != NULL)
        Py_DECREF(self->owner);
    else if (self->ptr != NULL && self->ptr != no_bytes)  /* allocated here */
        PyMem_Free(self->ptr);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
memory_getbuffer(Memory *self, Py_buffer *buffer, int flags)
{
    return PyBuffer_FillInfo(buffer, (PyObject *)self, memory_start(self), self->size, 0, flags);
}

static PyBufferProcs memory_as_buffer = {(getbufferproc)memory_getbuffer, NULL};

static PyObject *
memory_allocate(Memory *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "a negative size");
        return NULL;
    }
    if (memory_set_own(self, n, 1) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
memory_hold(Memory *self, PyObject *mem)
{
    if (memory_settable(self) < 0)
        return NULL;
    PyObject *view = PyMemoryView_FromObject(mem);  /* holds mem's export: it cannot be resized or moved */
    if (view == NULL)
        return NULL;
    Py_buffer *b = PyMemoryView_GET_BUFFER(view);
    if (b->readonly || !PyBuffer_IsContiguous(b, 'C')) {
        Py_DECREF(view);
        PyErr_SetString(PyExc_TypeError, "an array buffer's memory is writable and contiguous");
        return NULL;
    }
    self->owner = view;
    self->ptr = b->len > 0 ? b->buf : no_bytes;
    self->size = b->len;
    Py_RETURN_NONE;
}

static PyObject *
memory_get_bytes(Memory *self, void *closure)
{
    return PyMemoryView_FromObject((PyObject *)self);
}

static PyMethodDef memory_methods[] = {
    {"_allocate", (PyCFunction)memory_allocate, METH_O, "_allocate(n): its memory, n zero bytes of its own"},
    {"_hold", (PyCFunction)memory_hold, METH_O, "_hold(mem): its memory, mem's (a writable bytes-like the caller gives up)"},
    {NULL},
};

static PyObject *
memory_get_address(Memory *self, void *closure)
{
    return PyLong_FromVoidPtr(memory_start(self));
}

static PyGetSetDef memory_getset[] = {
    {"_bytes", (getter)memory_get_bytes, NULL, "a writable, byte-formatted memoryview of all of its memory", NULL},
    {"_address", (getter)memory_get_address, NULL, "its first byte's address (where the ctypes views lie)", NULL},
    {NULL},
};

static PyMemberDef memory_members[] = {
    {"_size", T_PYSSIZET, offsetof(Memory, size), READONLY, "its size in bytes"},
    {NULL},
};

static PyTypeObject MemoryType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._views.Memory",
    .tp_doc = "An array buffer's memory, set once (_allocate, _hold), exported through the buffer protocol.",
    .tp_basicsize = sizeof(Memory),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)memory_dealloc,
    .tp_as_buffer = &memory_as_buffer,
    .tp_methods = memory_methods,
    .tp_members = memory_members,
    .tp_getset = memory_getset,
};

static void
pool_dealloc(Pool *self)
{
    Py_XDECREF(self->ab);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMemberDef pool_members[] = {
    {"ab", T_OBJECT_EX, offsetof(Pool, ab), 0, "the pool's ArrayBuffer (allocPool)"},
    {"size", T_PYSSIZET, offsetof(Pool, size), 0, "its size (poolSize)"},
    {"offset", T_PYSSIZET, offsetof(Pool, offset), 0, "where its next Buffer starts (poolOffset)"},
    {NULL},
};

static PyTypeObject PoolType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._views.Pool",
    .tp_doc = "Buffer's pool: ab (allocPool), size (poolSize), offset (poolOffset).",
    .tp_basicsize = sizeof(Pool),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)pool_dealloc,
    .tp_members = pool_members,
};

/* Buffer.from itself (buffer.py: Buffer.from_ = FromString(Buffer.from_, Buffer, _pool)), a shortcut
   (_shortcut.h): a string and at most an encoding go to from_string first, without a Python frame;
   every other call, and every string it leaves (None), goes to the function, buffer.py's from_. */
typedef struct {
    SHORTCUT_HEAD        /* function: buffer.py's Buffer.from_ */
    PyObject *cls;       /* Buffer */
    PyObject *pool;      /* buffer.py's _pool */
} FromString;

static PyObject *
from_string_call(FromString *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames == NULL && (nargs == 1 || nargs == 2) && PyUnicode_CheckExact(args[0])) {
        PyObject *made = from_string(self->cls, self->pool, args[0], nargs == 2 ? args[1] : Py_None);
        if (made != Py_None)
            return made;  /* a Buffer, or NULL with the error set */
        Py_DECREF(made);
    }
    return PyObject_Vectorcall(self->function, args, nargsf, kwnames);
}

static int
from_string_traverse(FromString *self, visitproc visit, void *arg)
{
    Py_VISIT(self->cls);
    Py_VISIT(self->pool);
    return shortcut_traverse((PyObject *)self, visit, arg);
}

static int
from_string_clear(FromString *self)
{
    Py_CLEAR(self->cls);
    Py_CLEAR(self->pool);
    return shortcut_clear((PyObject *)self);
}

static PyObject *
from_string_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *function, *cls, *pool;
    if (!PyArg_ParseTuple(args, "OO!O!:FromString", &function, &PyType_Type, &cls, &PoolType, &pool))
        return NULL;
    FromString *self = (FromString *)shortcut_new(type, function, (vectorcallfunc)from_string_call);
    if (self == NULL)
        return NULL;
    self->cls = Py_NewRef(cls);
    self->pool = Py_NewRef(pool);
    return (PyObject *)self;
}

static PyTypeObject FromStringType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._views.FromString",
    SHORTCUT_SLOTS(FromString, 0),
    .tp_new = from_string_new,
    .tp_traverse = (traverseproc)from_string_traverse,
    .tp_clear = (inquiry)from_string_clear,
};

/* buf.toString itself (buffer.py: Buffer.to_string = ToString(Buffer.to_string)), a shortcut
   (_shortcut.h) that is a method: a whole Buffer's UTF-8 (no encoding, or 'utf8' / 'utf-8') is decoded
   here, as buffer_encodings.decode_utf8 does it (Python's codec with 'replace'), without a Python frame;
   every other call goes to the function, buffer.py's to_string. A method descriptor: `buf.to_string(e)`
   calls it with buf first and binds nothing. */
static PyObject *
to_string_call(Shortcut *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames == NULL && (nargs == 1 || (nargs == 2 && encoding_of(args[1]) == UTF8)) &&
        PyObject_TypeCheck(args[0], &ViewType)) {
        View *view = (View *)args[0];
        return PyUnicode_DecodeUTF8(view->ptr, view->nbytes, "replace");
    }
    return PyObject_Vectorcall(self->function, args, nargsf, kwnames);
}

static PyObject *
to_string_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *function;
    if (!PyArg_ParseTuple(args, "O:ToString", &function))
        return NULL;
    return shortcut_new(type, function, (vectorcallfunc)to_string_call);
}

static PyTypeObject ToStringType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._views.ToString",
    SHORTCUT_SLOTS(Shortcut, Py_TPFLAGS_METHOD_DESCRIPTOR),
    .tp_new = to_string_new,
    .tp_traverse = shortcut_traverse,
    .tp_clear = shortcut_clear,
    .tp_descr_get = shortcut_bind,
};

static PyObject *
set_array_buffer(PyObject *module, PyObject *cls)
{
    if (!PyType_Check(cls) || !PyType_IsSubtype((PyTypeObject *)cls, &MemoryType)) {
        PyErr_SetString(PyExc_TypeError, "set_array_buffer(cls): a class of Memory");
        return NULL;
    }
    Py_INCREF(cls);
    Py_XSETREF(array_buffer_class, cls);
    Py_RETURN_NONE;
}

/* The string of UTF-8 bytes as Node decodes it (WHATWG's decoder: U+FFFD for each maximal invalid
   subpart), which is Python's codec with 'replace': buffer_encodings.decode_utf8. */
static PyObject *
utf8_string(PyObject *module, PyObject *data)
{
    Py_buffer b;
    if (PyObject_GetBuffer(data, &b, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *text = PyUnicode_DecodeUTF8(b.buf, b.len, "replace");
    PyBuffer_Release(&b);
    return text;
}

static PyMethodDef module_methods[] = {
    {"utf8_string", utf8_string, METH_O, "utf8_string(bytes-like): str(data, 'utf-8', 'replace') without the codec lookup"},
    {"set_array_buffer", set_array_buffer, METH_O, "set_array_buffer(cls): the class View._copy_of makes"},
    {NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "nodespec.reference._views", "The memory model's views in C (see _views_ctypes.py).",
    -1, module_methods,
};

PyMODINIT_FUNC
PyInit__views(void)
{
    if (!(str_format = PyUnicode_InternFromString("_format")) ||
        !(str_element_size = PyUnicode_InternFromString("_element_size")) ||
        !(str_B = PyUnicode_InternFromString("B")) ||
        !(str_cast = PyUnicode_InternFromString("cast")) ||
        !(str_pool_size = PyUnicode_InternFromString("pool_size")) ||
        !(str_create = PyUnicode_InternFromString("create")) ||
        !(str_utf8 = PyUnicode_InternFromString("utf8")) ||
        !(str_utf_8 = PyUnicode_InternFromString("utf-8")) ||
        !(str_base64 = PyUnicode_InternFromString("base64")) ||
        !(str_hex = PyUnicode_InternFromString("hex")))
        return NULL;
    for (int c = 0; c < 256; c++)
        hex_values[c] = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    memset(base64_values, -1, sizeof base64_values);
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int digit = 0; digit < 64; digit++)
        base64_values[(unsigned char)alphabet[digit]] = (signed char)digit;
    if (PyType_Ready(&ViewType) < 0 || PyType_Ready(&MemoryType) < 0 || PyType_Ready(&PoolType) < 0 ||
        PyType_Ready(&FromStringType) < 0 || PyType_Ready(&ToStringType) < 0)
        return NULL;
    /* A view's elements are bytes unless its class says otherwise (each typed array does). */
    PyObject *one = PyLong_FromLong(1);
    int failed = one == NULL || PyDict_SetItem(ViewType.tp_dict, str_element_size, one) < 0 ||
                 PyDict_SetItem(ViewType.tp_dict, str_format, str_B) < 0;
    Py_XDECREF(one);
    if (failed)
        return NULL;
    PyType_Modified(&ViewType);
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "View", (PyObject *)&ViewType) < 0 ||
        PyModule_AddObjectRef(m, "Memory", (PyObject *)&MemoryType) < 0 ||
        PyModule_AddObjectRef(m, "Pool", (PyObject *)&PoolType) < 0 ||
        PyModule_AddObjectRef(m, "FromString", (PyObject *)&FromStringType) < 0 ||
        PyModule_AddObjectRef(m, "ToString", (PyObject *)&ToStringType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    PyObject *capsule = PyCapsule_New(&c_api, VIEWS_CAPSULE, NULL);
    if (capsule == NULL || PyModule_AddObjectRef(m, "_C_API", capsule) < 0) {
        Py_XDECREF(capsule);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(capsule);
    return m;
}
