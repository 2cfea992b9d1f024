/* The memory model's views in C: what _views_ctypes.py does, without ctypes' cost.

   Every typed array, DataView and Buffer is a view of a range of an array buffer's memory that exports
   it through the buffer protocol (Python 3.11 has no __buffer__ for a Python class to do so). The
   pure-Python fallback lays a ctypes structure at the memory's address: ~0.7 µs a view, more than
   encoding a kilobyte or hashing a message, which is what Buffer.from and digest() do over and over.
   Here a view is a small object holding the array buffer, the range and a pointer into it: ~0.1 µs.

   The API is _views_ctypes.View's, name for name (typed_arrays.py takes whichever imports):
     View._lay(ab, offset, length)          a view of ``length`` elements at byte ``offset`` of ``ab``
     View._lay_copy(ab, offset, data, n)    the same over ``n`` bytes, holding data[:n]
     View._copy_of(data)                    a view of all of a new ArrayBuffer holding a copy of data
     set_array_buffer(cls)                  the ArrayBuffer class _copy_of makes
   and the attributes _ab, _off, _len (read-only), _raw (the view's bytes, a memoryview) and _mv (its
   elements: _raw cast to the class's _format), the last two made on first use. A class's _format and
   _element_size are "B" and 1 unless it says otherwise (each typed array does). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *ab;        /* the array buffer: it owns the memory and pins it (its _bytes) */
    char *ptr;           /* the first byte of the view */
    Py_ssize_t off;      /* byte offset in ab */
    Py_ssize_t nbytes;
    Py_ssize_t len;      /* elements */
    PyObject *raw;       /* memoryview of the bytes, or NULL until asked for */
    PyObject *mv;        /* memoryview of the elements, or NULL until asked for */
} View;

static PyObject *str_bytes, *str_address, *str_format, *str_element_size, *str_B, *str_cast;
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
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
view_getbuffer(View *self, Py_buffer *buffer, int flags)
{
    return PyBuffer_FillInfo(buffer, (PyObject *)self, self->ptr, self->nbytes, 0, flags);
}

static PyBufferProcs view_as_buffer = {(getbufferproc)view_getbuffer, NULL};

/* The memory of an array buffer (its _bytes): its first byte and its size. */
static int
memory_of(PyObject *ab, char **ptr, Py_ssize_t *size)
{
    PyObject *mem = PyObject_GetAttr(ab, str_bytes);
    if (mem == NULL)
        return -1;
    Py_buffer b;
    if (PyObject_GetBuffer(mem, &b, PyBUF_WRITABLE) < 0) {
        Py_DECREF(mem);
        return -1;
    }
    *ptr = b.buf;
    *size = b.len;
    PyBuffer_Release(&b);  /* ab's memoryview still holds the memory's export: it cannot move */
    Py_DECREF(mem);
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

static PyObject *
view_copy_of(PyObject *cls, PyObject *data)
{
    if (array_buffer_class == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_array_buffer() was not called");
        return NULL;
    }
    Py_buffer b;
    if (PyObject_GetBuffer(data, &b, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *mem = PyByteArray_FromStringAndSize(b.buf, b.len);
    Py_ssize_t n = b.len;
    PyBuffer_Release(&b);
    if (mem == NULL)
        return NULL;
    PyObject *bytes = PyMemoryView_FromObject(mem);
    PyObject *address = PyLong_FromVoidPtr(PyByteArray_AS_STRING(mem));
    Py_DECREF(mem);
    PyTypeObject *abtype = (PyTypeObject *)array_buffer_class;
    PyObject *ab = (bytes && address) ? abtype->tp_alloc(abtype, 0) : NULL;  /* object.__new__: no __init__ */
    View *view = NULL;
    if (ab != NULL && PyObject_SetAttr(ab, str_bytes, bytes) == 0 && PyObject_SetAttr(ab, str_address, address) == 0)
        view = lay((PyTypeObject *)cls, ab, 0, n, n);
    Py_XDECREF(ab);
    Py_XDECREF(bytes);
    Py_XDECREF(address);
    return (PyObject *)view;
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

static PyGetSetDef view_getset[] = {
    {"_raw", (getter)view_get_raw, NULL, "the view's bytes: a writable, byte-formatted memoryview", NULL},
    {"_mv", (getter)view_get_mv, NULL, "the view's elements: _raw cast to its class's _format", NULL},
    {NULL},
};

static PyMemberDef view_members[] = {
    {"_ab", T_OBJECT, offsetof(View, ab), READONLY, "the array buffer"},
    {"_off", T_PYSSIZET, offsetof(View, off), READONLY, "the byte offset in it"},
    {"_len", T_PYSSIZET, offsetof(View, len), READONLY, "the number of elements"},
    {NULL},
};

static PyMethodDef view_methods[] = {
    {"_lay", (PyCFunction)(void (*)(void))view_lay, METH_FASTCALL | METH_CLASS,
     "_lay(ab, offset, length): the view of length elements at byte offset of ab"},
    {"_lay_copy", (PyCFunction)(void (*)(void))view_lay_copy, METH_FASTCALL | METH_CLASS,
     "_lay_copy(ab, offset, data, n): the view of n bytes at offset of ab, holding data[:n]"},
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

static PyObject *
set_array_buffer(PyObject *module, PyObject *cls)
{
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError, "set_array_buffer(cls): a class");
        return NULL;
    }
    Py_INCREF(cls);
    Py_XSETREF(array_buffer_class, cls);
    Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
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
    if (!(str_bytes = PyUnicode_InternFromString("_bytes")) ||
        !(str_address = PyUnicode_InternFromString("_address")) ||
        !(str_format = PyUnicode_InternFromString("_format")) ||
        !(str_element_size = PyUnicode_InternFromString("_element_size")) ||
        !(str_B = PyUnicode_InternFromString("B")) ||
        !(str_cast = PyUnicode_InternFromString("cast")))
        return NULL;
    if (PyType_Ready(&ViewType) < 0)
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
    Py_INCREF(&ViewType);
    if (PyModule_AddObject(m, "View", (PyObject *)&ViewType) < 0) {
        Py_DECREF(&ViewType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
