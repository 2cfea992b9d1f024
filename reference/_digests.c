/* crypto's hot path in C: createHash(name) of a plain digest, then update(bytes or Buffer) and digest(),
   as crypto.py does them, without a Python frame. crypto.py is the semantics' home: everything else
   (options, other names, strings and encodings, other data, a digest's encoding, a second digest, errors)
   goes to its create_hash, Hash.update and Hash.digest, and tests/test_digests.py holds the shortcuts to
   them. Built with _views.c where there is a C compiler; crypto.py goes without it otherwise.

     Digest                       createHash's Hash of a plain digest (crypto.py's _PlainHash, a Hash by
                                  registration: Hash.register): _state (the engine, made by the first
                                  update with its data: one call for two), _spec and _finalized as
                                  fields, update() and digest() for the common case, copy() Hash's. A
                                  class of C, not a Python subclass of Hash: a Python class's instance
                                  costs a fifth of hashlib's whole call to make and release (CPython's
                                  generic subtype_dealloc), the hash row's whole margin
     CreateHash(create_hash, table)
                                  create_hash itself (a shortcut: _shortcut.h), for a name of table (a
                                  plain digest's HashSpec: its factory makes the engine) with no options:
                                  a Digest; the rest goes to create_hash
     set_paths(update, digest, copy, out, buffer_class)
                                  Hash.update, Hash.digest and Hash.copy (where the rest goes), the
                                  function that makes a digest's Buffer, and the class of the Buffers
                                  update() takes */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_shortcut.h"

typedef struct {
    PyObject_HEAD
    PyObject *state;     /* the engine: a hashlib (or pycryptodome) hash object; NULL until the first
                            update, digest or _state (factory makes it then) */
    PyObject *factory;   /* its spec's factory */
    PyObject *spec;      /* its HashSpec: never an XOF's (createHash makes those in Python) */
    char finalized;
} Digest;

static PyObject *py_update, *py_digest, *py_copy, *out, *buffer_class;  /* set_paths */
static PyObject *str_update, *str_digest, *str_factory;

/* The engine, made now if it is not yet. */
static PyObject *
engine(Digest *self)
{
    if (self->state == NULL)
        self->state = PyObject_CallNoArgs(self->factory);
    return self->state;
}

/* Whether a factory takes the first data as its argument (one call for two): hashlib's constructors,
   C functions and types, do; pycryptodome's factories, Python functions, take none. */
static int
takes_data(PyObject *factory)
{
    return PyCFunction_Check(factory) || PyType_Check(factory);
}

/* Not collected by the cycle collector: what it holds (the engine, the table's spec and factory) never
   holds it, and it takes no property of a program's (no __dict__, as _state cannot be set). */
static void
digest_dealloc(Digest *self)
{
    Py_XDECREF(self->state);
    Py_XDECREF(self->factory);
    Py_XDECREF(self->spec);
    PyObject_Free(self);
}

/* Hash.update / Hash.digest / Hash.copy (crypto.py) with this call's own arguments. */
static PyObject *
python_path(PyObject *method, PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    if (method == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_paths() was not called");
        return NULL;
    }
    Py_ssize_t n = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
    PyObject *small[8], **all = n + 1 <= 8 ? small : PyMem_New(PyObject *, n + 1);
    if (all == NULL)
        return PyErr_NoMemory();
    all[0] = self;
    memcpy(all + 1, args, n * sizeof(PyObject *));
    PyObject *result = PyObject_Vectorcall(method, all, nargs + 1, kwnames);
    if (all != small)
        PyMem_Free(all);
    return result;
}

/* update(data[, inputEncoding]): data as it is, bytes or a Buffer (its bytes through the buffer protocol). */
static PyObject *
digest_update(Digest *self, PyObject *const *args, Py_ssize_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (self->finalized || kwnames != NULL || nargs < 1 || nargs > 2 ||  /* an encoding is a string's only */
        !(PyBytes_CheckExact(args[0]) || (PyObject *)Py_TYPE(args[0]) == buffer_class))
        return python_path(py_update, (PyObject *)self, args, nargs, kwnames);
    /* a Buffer as a memoryview of its bytes: pycryptodome's engines take that, not any buffer exporter */
    PyObject *data = PyBytes_CheckExact(args[0]) ? Py_NewRef(args[0]) : PyMemoryView_FromObject(args[0]);
    if (data == NULL)
        return NULL;
    PyObject *done;
    if (self->state == NULL && takes_data(self->factory)) {  /* the engine made with the data */
        self->state = PyObject_CallOneArg(self->factory, data);
        done = Py_XNewRef(self->state);
    }
    else {
        PyObject *state = engine(self);
        done = state ? PyObject_CallMethodOneArg(state, str_update, data) : NULL;
    }
    Py_DECREF(data);
    if (done == NULL)
        return NULL;
    Py_DECREF(done);
    return Py_NewRef(self);
}

/* digest(): the first one, as a Buffer. */
static PyObject *
digest_digest(Digest *self, PyObject *const *args, Py_ssize_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (self->finalized || kwnames != NULL || nargs > 1 || (nargs == 1 && args[0] != Py_None) || out == NULL)
        return python_path(py_digest, (PyObject *)self, args, nargs, kwnames);
    PyObject *state = engine(self);
    if (state == NULL)
        return NULL;
    self->finalized = 1;
    PyObject *raw = PyObject_CallMethodNoArgs(state, str_digest);
    if (raw == NULL)
        return NULL;
    PyObject *result = PyObject_CallOneArg(out, raw);
    Py_DECREF(raw);
    return result;
}

/* copy([options]): Hash.copy's (a Hash of crypto.py). */
static PyObject *
digest_copy(Digest *self, PyObject *const *args, Py_ssize_t nargsf, PyObject *kwnames)
{
    return python_path(py_copy, (PyObject *)self, args, PyVectorcall_NARGS(nargsf), kwnames);
}

static PyMethodDef digest_methods[] = {
    {"update", (PyCFunction)(void (*)(void))digest_update, METH_FASTCALL | METH_KEYWORDS,
     "update(data[, inputEncoding]): Hash.update, bytes and Buffers here"},
    {"digest", (PyCFunction)(void (*)(void))digest_digest, METH_FASTCALL | METH_KEYWORDS,
     "digest([outputEncoding]): Hash.digest, the first one as a Buffer here"},
    {"copy", (PyCFunction)(void (*)(void))digest_copy, METH_FASTCALL | METH_KEYWORDS, "copy([options]): Hash.copy"},
    {NULL},
};

static PyObject *
digest_get_state(Digest *self, void *closure)
{
    return Py_XNewRef(engine(self));
}

static PyGetSetDef digest_getset[] = {
    {"_state", (getter)digest_get_state, NULL, "the engine (made on first use)", NULL},
    {NULL},
};

static PyMemberDef digest_members[] = {
    {"_spec", T_OBJECT_EX, offsetof(Digest, spec), 0, "its HashSpec"},
    {"_finalized", T_BOOL, offsetof(Digest, finalized), 0, "whether digest() was called"},
    {NULL},
};

static PyTypeObject DigestType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference.crypto.Hash",  /* as JavaScript names it (constructor.name) */
    .tp_doc = "createHash's Hash of a plain digest: update(bytes or Buffer) and the first digest() here, the rest crypto.py's Hash's.",
    .tp_basicsize = sizeof(Digest),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)digest_dealloc,
    .tp_methods = digest_methods,
    .tp_members = digest_members,
    .tp_getset = digest_getset,
};

/* create_hash itself, a shortcut (_shortcut.h) for a plain digest's name and no options. */
typedef struct {
    SHORTCUT_HEAD        /* function: crypto.py's create_hash */
    PyObject *table;     /* name -> HashSpec of the plain digests */
    PyObject *spec;      /* the last spec made, and its factory: a program hashes with one algorithm */
    PyObject *factory;   /* over and over, and reading a dataclass's attribute is a tenth of the call */
} CreateHash;

static PyObject *
create_hash_call(CreateHash *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject *spec = NULL;
    if (kwnames == NULL && (nargs == 1 || (nargs == 2 && args[1] == Py_None)) && PyUnicode_CheckExact(args[0])) {
        spec = PyDict_GetItemWithError(self->table, args[0]);  /* borrowed */
        if (spec == NULL && PyErr_Occurred())
            return NULL;
    }
    if (spec == NULL)
        return PyObject_Vectorcall(self->function, args, nargsf, kwnames);
    Py_INCREF(spec);  /* reading the factory may run Python code, which may change the table */
    if (spec != self->spec) {
        PyObject *factory = PyObject_GetAttr(spec, str_factory);
        if (factory == NULL) {
            Py_DECREF(spec);
            return NULL;
        }
        Py_XSETREF(self->spec, Py_NewRef(spec));
        Py_XSETREF(self->factory, factory);
    }
    PyObject *factory = Py_NewRef(self->factory);
    Digest *made = PyObject_New(Digest, &DigestType);  /* no __init__: its checks all pass */
    if (made == NULL) {
        Py_DECREF(factory);
        Py_DECREF(spec);
        return NULL;
    }
    made->state = NULL;  /* the engine is made by the first update (with its data) or digest */
    made->factory = factory;
    made->spec = spec;
    made->finalized = 0;
    return (PyObject *)made;
}

static int
create_hash_traverse(CreateHash *self, visitproc visit, void *arg)
{
    Py_VISIT(self->table);
    Py_VISIT(self->spec);
    Py_VISIT(self->factory);
    return shortcut_traverse((PyObject *)self, visit, arg);
}

static int
create_hash_clear(CreateHash *self)
{
    Py_CLEAR(self->table);
    Py_CLEAR(self->spec);
    Py_CLEAR(self->factory);
    return shortcut_clear((PyObject *)self);
}

static PyObject *
create_hash_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *function, *table;
    if (!PyArg_ParseTuple(args, "OO!:CreateHash", &function, &PyDict_Type, &table))
        return NULL;
    CreateHash *self = (CreateHash *)shortcut_new(type, function, (vectorcallfunc)create_hash_call);
    if (self == NULL)
        return NULL;
    self->table = Py_NewRef(table);
    return (PyObject *)self;
}

static PyTypeObject CreateHashType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._digests.CreateHash",
    SHORTCUT_SLOTS(CreateHash, 0),
    .tp_new = create_hash_new,
    .tp_traverse = (traverseproc)create_hash_traverse,
    .tp_clear = (inquiry)create_hash_clear,
};

static PyObject *
set_paths(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "set_paths(update, digest, copy, out, buffer_class)");
        return NULL;
    }
    Py_XSETREF(py_update, Py_NewRef(args[0]));
    Py_XSETREF(py_digest, Py_NewRef(args[1]));
    Py_XSETREF(py_copy, Py_NewRef(args[2]));
    Py_XSETREF(out, Py_NewRef(args[3]));
    Py_XSETREF(buffer_class, Py_NewRef(args[4]));
    Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
    {"set_paths", (PyCFunction)(void (*)(void))set_paths, METH_FASTCALL,
     "set_paths(update, digest, copy, out, buffer_class): Hash's update, digest and copy, the digest's Buffer, Buffer"},
    {NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "nodespec.reference._digests", "crypto's hot path in C (see crypto.py's _PlainHash).",
    -1, module_methods,
};

PyMODINIT_FUNC
PyInit__digests(void)
{
    if (!(str_update = PyUnicode_InternFromString("update")) ||
        !(str_digest = PyUnicode_InternFromString("digest")) ||
        !(str_factory = PyUnicode_InternFromString("factory")))
        return NULL;
    if (PyType_Ready(&DigestType) < 0 || PyType_Ready(&CreateHashType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Digest", (PyObject *)&DigestType) < 0 ||
        PyModule_AddObjectRef(m, "CreateHash", (PyObject *)&CreateHashType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
