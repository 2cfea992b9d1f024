/* crypto's hot path in C: createHash(name) of a plain digest, then update(bytes or Buffer) and digest(),
   as crypto.py does them, without a Python frame. crypto.py is the semantics' home: everything else
   (options, other names, strings and encodings, other data, a digest's encoding, a second digest, errors)
   goes to its create_hash, Hash.update and Hash.digest, and tests/test_digests.py holds the shortcuts to
   them. Built with _views.c where there is a C compiler; crypto.py goes without it otherwise.

     Digest                       createHash's Hash of a plain digest (crypto.py's _PlainHash, a Hash by
                                  registration: Hash.register): _state (the engine), _spec and
                                  _finalized as fields, update() and digest() for the common case, copy()
                                  Hash's, a program's own properties in its __dict__. A class of C, not a
                                  Python subclass of Hash: a Python class's instance costs a fifth of
                                  hashlib's whole call to make and release (CPython's generic
                                  subtype_dealloc), the hash row's whole margin
     Engine                       its engine where its spec has an OpenSSL name (HashSpec.openssl): one
                                  EVP context, hashed into by update and finalized by digest() straight
                                  into the digest's Buffer (hashlib's digest() copies its context, so
                                  that it can be called again: a third of its whole call); else the
                                  spec's factory makes it, with the first update's data where it takes
                                  data (hashlib's constructors: one call for two)
     CreateHash(create_hash, table)
                                  create_hash itself (a shortcut: _shortcut.h), for a name of table (a
                                  plain digest's HashSpec) with no options: a Digest; the rest goes to
                                  create_hash
     set_paths(update, digest, copy, out, buffer_class)
                                  Hash.update, Hash.digest and Hash.copy (where the rest goes), the
                                  function that makes a digest's Buffer (where _views was not built), and
                                  the class of the Buffers update() takes and digest() makes
     load_openssl(path)           OpenSSL's EVP functions from the libcrypto of the module at path
                                  (hashlib's _hashlib): whether they were found */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#ifndef _WIN32
#include <dlfcn.h>
#endif

#include "_shortcut.h"
#include "_views_capi.h"

/* OpenSSL's digests, called as hashlib calls them but with one context per hash where hashlib makes two
   (its digest() copies the context, so that it can be called again; Node's finalizes). They come from the
   libcrypto hashlib's own _hashlib is linked to (load_openssl: dlsym through _hashlib's dependencies),
   so the engine is the one hashlib would use; without it, the spec's factory (hashlib) is the engine. */
typedef struct evp_md_st EVP_MD;
typedef struct evp_md_ctx_st EVP_MD_CTX;
#define MAX_DIGEST 64  /* EVP_MAX_MD_SIZE */

typedef struct {
    EVP_MD_CTX *(*ctx_new)(void);
    void (*ctx_free)(EVP_MD_CTX *);
    int (*ctx_copy)(EVP_MD_CTX *out, const EVP_MD_CTX *in);
    int (*init)(EVP_MD_CTX *, const EVP_MD *, void *engine);
    int (*update)(EVP_MD_CTX *, const void *, size_t);
    int (*final)(EVP_MD_CTX *, unsigned char *, unsigned int *);
    EVP_MD *(*fetch)(void *libctx, const char *name, const char *properties);  /* OpenSSL 3; NULL on 1.1 */
    const EVP_MD *(*by_name)(const char *name);
    void (*clear_error)(void);
} OpenSSL;
static OpenSSL ssl;
static int ssl_loaded;
static PyObject *fetched;  /* name -> capsule of its EVP_MD, or None where OpenSSL has no such digest */

static PyObject *
ssl_error(const char *what)
{
    ssl.clear_error();
    PyErr_Format(PyExc_ValueError, "OpenSSL: %s failed", what);
    return NULL;
}

/* The EVP_MD of an OpenSSL name (a HashSpec's openssl), fetched once; NULL without an error where there is
   none (no OpenSSL, no name, or a digest OpenSSL does not have here). */
static const EVP_MD *
md_of(PyObject *name)
{
    if (!ssl_loaded || !PyUnicode_Check(name))
        return NULL;
    PyObject *known = PyDict_GetItemWithError(fetched, name);  /* borrowed */
    if (known == NULL) {
        if (PyErr_Occurred())
            return NULL;
        const char *utf8 = PyUnicode_AsUTF8(name);
        if (utf8 == NULL)
            return NULL;
        const EVP_MD *md = ssl.fetch ? ssl.fetch(NULL, utf8, NULL) : ssl.by_name(utf8);
        if (md != NULL) {  /* one that will not initialise (a provider's refusal) is one OpenSSL lacks here */
            EVP_MD_CTX *trial = ssl.ctx_new();
            if (trial == NULL || !ssl.init(trial, md, NULL))
                md = NULL;  /* fetched digests live as long as the process: this one is not freed either */
            if (trial != NULL)
                ssl.ctx_free(trial);
        }
        if (md == NULL)
            ssl.clear_error();  /* hashlib reads the error queue after its own failures */
        known = md ? PyCapsule_New((void *)md, "EVP_MD", NULL) : Py_NewRef(Py_None);
        if (known == NULL || PyDict_SetItem(fetched, name, known) < 0) {
            Py_XDECREF(known);
            return NULL;
        }
        Py_DECREF(known);  /* the dict holds it, for the life of the process, as OpenSSL does the EVP_MD */
    }
    return known == Py_None ? NULL : PyCapsule_GetPointer(known, "EVP_MD");
}

/* A digest's engine over OpenSSL: update(data), digest() (the digest so far, as hashlib's: the context is
   copied) and copy(), what crypto.py's Hash calls on _state. Digest's own digest() finalizes the context
   itself, after which the engine refuses every call (Hash refuses them first: ERR_CRYPTO_HASH_FINALIZED). */
typedef struct {
    PyObject_HEAD
    EVP_MD_CTX *ctx;
    char finalized;
} Engine;

static PyTypeObject EngineType;

static PyObject *
engine_new(const EVP_MD *md, const EVP_MD_CTX *from)
{
    Engine *self = PyObject_New(Engine, &EngineType);
    if (self == NULL)
        return NULL;
    self->finalized = 0;
    self->ctx = ssl.ctx_new();
    if (self->ctx == NULL || !(from ? ssl.ctx_copy(self->ctx, from) : ssl.init(self->ctx, md, NULL))) {
        Py_DECREF(self);
        return ssl_error(from ? "EVP_MD_CTX_copy_ex" : "EVP_DigestInit_ex");
    }
    return (PyObject *)self;
}

static void
engine_dealloc(Engine *self)
{
    if (self->ctx != NULL)
        ssl.ctx_free(self->ctx);
    PyObject_Free(self);
}

static int
engine_usable(Engine *self)
{
    if (self->finalized) {
        PyErr_SetString(PyExc_ValueError, "this digest's context is finalized");
        return 0;
    }
    return 1;
}

/* Hashes data (any bytes-like) into it. */
static int
engine_feed(Engine *self, PyObject *data)
{
    Py_buffer b;
    if (PyObject_GetBuffer(data, &b, PyBUF_SIMPLE) < 0)
        return -1;
    if (!engine_usable(self)) {  /* checked after: an exporter's __buffer__ (3.12) runs Python code */
        PyBuffer_Release(&b);
        return -1;
    }
    int ok = ssl.update(self->ctx, b.buf, (size_t)b.len);
    PyBuffer_Release(&b);
    if (!ok) {
        ssl_error("EVP_DigestUpdate");
        return -1;
    }
    return 0;
}

/* The digest into out (MAX_DIGEST bytes), finalizing ctx; its size, or -1 with the error set. */
static Py_ssize_t
final_into(EVP_MD_CTX *ctx, unsigned char *out)
{
    unsigned int n = 0;
    if (!ssl.final(ctx, out, &n)) {
        ssl_error("EVP_DigestFinal_ex");
        return -1;
    }
    return (Py_ssize_t)n;
}

static PyObject *
engine_update(Engine *self, PyObject *data)
{
    if (engine_feed(self, data) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
engine_digest(Engine *self, PyObject *unused)
{
    if (!engine_usable(self))
        return NULL;
    EVP_MD_CTX *temp = ssl.ctx_new();
    if (temp == NULL || !ssl.ctx_copy(temp, self->ctx)) {
        if (temp != NULL)
            ssl.ctx_free(temp);
        return ssl_error("EVP_MD_CTX_copy_ex");
    }
    unsigned char out[MAX_DIGEST];
    Py_ssize_t n = final_into(temp, out);
    ssl.ctx_free(temp);
    return n < 0 ? NULL : PyBytes_FromStringAndSize((char *)out, n);
}

static PyObject *
engine_copy(Engine *self, PyObject *unused)
{
    return engine_usable(self) ? engine_new(NULL, self->ctx) : NULL;
}

static PyMethodDef engine_methods[] = {
    {"update", (PyCFunction)engine_update, METH_O, "update(data): hashes the bytes of data"},
    {"digest", (PyCFunction)engine_digest, METH_NOARGS, "digest(): the digest of the data so far (bytes)"},
    {"copy", (PyCFunction)engine_copy, METH_NOARGS, "copy(): an engine in the same state"},
    {NULL},
};

static PyTypeObject EngineType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._digests.Engine",
    .tp_doc = "A digest's engine over OpenSSL's EVP functions (what hashlib's objects are, with one context).",
    .tp_basicsize = sizeof(Engine),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)engine_dealloc,
    .tp_methods = engine_methods,
};

static ViewsCAPI *views;  /* _views.c's C API, or NULL where _views was not built: out() then */

typedef struct {
    PyObject_HEAD
    PyObject *state;     /* the engine: an Engine (md's), else a hashlib (or pycryptodome) hash object;
                            NULL until the first update, digest or _state (made then) */
    const EVP_MD *md;    /* its spec's OpenSSL digest, or NULL: factory makes the engine */
    PyObject *factory;   /* its spec's factory */
    PyObject *spec;      /* its HashSpec: never an XOF's (createHash makes those in Python) */
    char finalized;
    PyObject *dict;      /* a program's own properties (a JavaScript object takes any), made on first use */
    PyObject *weakrefs;
} Digest;

static PyObject *py_update, *py_digest, *py_copy, *out, *buffer_class;  /* set_paths */
static PyObject *str_update, *str_digest, *str_factory, *str_openssl;

/* The engine, made now if it is not yet. */
static PyObject *
engine(Digest *self)
{
    if (self->state == NULL)
        self->state = self->md ? engine_new(self->md, NULL) : PyObject_CallNoArgs(self->factory);
    return self->state;
}

/* Whether a factory takes the first data as its argument (one call for two): hashlib's constructors,
   C functions and types, do; pycryptodome's factories, Python functions, take none. */
static int
takes_data(PyObject *factory)
{
    return PyCFunction_Check(factory) || PyType_Check(factory);
}

/* Collected by the cycle collector only once it has properties of its own (h.self = h): until then what
   it holds (the engine, the table's spec and factory) never holds it, and tracking costs every hash. */
static int
digest_traverse(Digest *self, visitproc visit, void *arg)
{
    Py_VISIT(self->dict);
    Py_VISIT(self->state);
    Py_VISIT(self->factory);
    Py_VISIT(self->spec);
    return 0;
}

static int
digest_clear(Digest *self)
{
    Py_CLEAR(self->dict);
    Py_CLEAR(self->state);
    Py_CLEAR(self->factory);
    Py_CLEAR(self->spec);
    return 0;
}

static void
digest_dealloc(Digest *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakrefs != NULL)
        PyObject_ClearWeakRefs((PyObject *)self);
    digest_clear(self);
    PyObject_GC_Del(self);
}

/* Tracked from the moment it has a dict. */
static void
track_once_it_has_properties(Digest *self)
{
    if (self->dict != NULL && !PyObject_GC_IsTracked((PyObject *)self))
        PyObject_GC_Track(self);
}

static int
digest_setattro(Digest *self, PyObject *name, PyObject *value)
{
    int done = PyObject_GenericSetAttr((PyObject *)self, name, value);
    track_once_it_has_properties(self);
    return done;
}

static PyObject *
digest_get_dict(Digest *self, void *closure)
{
    PyObject *dict = PyObject_GenericGetDict((PyObject *)self, closure);
    track_once_it_has_properties(self);
    return dict;
}

static int
digest_set_dict(Digest *self, PyObject *value, void *closure)
{
    int done = PyObject_GenericSetDict((PyObject *)self, value, closure);
    track_once_it_has_properties(self);
    return done;
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
    if (self->md != NULL) {  /* OpenSSL's engine takes a Buffer's bytes through the buffer protocol */
        PyObject *state = engine(self);
        if (state == NULL || engine_feed((Engine *)state, args[0]) < 0)
            return NULL;
        return Py_NewRef(self);
    }
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
    self->finalized = 1;  /* first, as Hash.digest: a digest() that fails ends the hash all the same */
    PyObject *state = engine(self);
    if (state == NULL)
        return NULL;
    PyObject *raw;
    if (self->md != NULL) {  /* the context finalized into the digest's Buffer: Node's digest() ends the hash */
        unsigned char digest[MAX_DIGEST];
        ((Engine *)state)->finalized = 1;
        Py_ssize_t n = final_into(((Engine *)state)->ctx, digest);
        if (n < 0)
            return NULL;
        if (views != NULL) {  /* straight into the Buffer's own bytes */
            char *ptr = NULL;
            PyObject *result = views->owning_view((PyTypeObject *)buffer_class, n, &ptr);
            if (result != NULL)
                memcpy(ptr, digest, n);
            return result;
        }
        raw = PyBytes_FromStringAndSize((char *)digest, n);
    }
    else
        raw = PyObject_CallMethodNoArgs(state, str_digest);
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
    {"__dict__", (getter)digest_get_dict, (setter)digest_set_dict, "a program's own properties", NULL},
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
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_dealloc = (destructor)digest_dealloc,
    .tp_traverse = (traverseproc)digest_traverse,
    .tp_clear = (inquiry)digest_clear,
    .tp_setattro = (setattrofunc)digest_setattro,
    .tp_dictoffset = offsetof(Digest, dict),
    .tp_weaklistoffset = offsetof(Digest, weakrefs),
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
    const EVP_MD *md;    /* and its OpenSSL digest (NULL: none) */
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
        PyObject *name = factory ? PyObject_GetAttr(spec, str_openssl) : NULL;
        const EVP_MD *md = name ? md_of(name) : NULL;
        Py_XDECREF(name);
        if (PyErr_Occurred()) {
            Py_XDECREF(factory);
            Py_DECREF(spec);
            return NULL;
        }
        Py_XSETREF(self->spec, Py_NewRef(spec));
        Py_XSETREF(self->factory, factory);
        self->md = md;
    }
    PyObject *factory = Py_NewRef(self->factory);
    Digest *made = PyObject_GC_New(Digest, &DigestType);  /* no __init__: its checks all pass; untracked */
    if (made == NULL) {
        Py_DECREF(factory);
        Py_DECREF(spec);
        return NULL;
    }
    made->state = NULL;  /* the engine is made by the first update (with its data) or digest */
    made->md = self->md;
    made->factory = factory;
    made->spec = spec;
    made->finalized = 0;
    made->dict = made->weakrefs = NULL;
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
    if (!PyType_Check(args[4]) ||
        (views != NULL && !PyType_IsSubtype((PyTypeObject *)args[4], views->view_type))) {
        PyErr_SetString(PyExc_TypeError, "set_paths: buffer_class is not a class of _views.View");
        return NULL;
    }
    Py_XSETREF(py_update, Py_NewRef(args[0]));
    Py_XSETREF(py_digest, Py_NewRef(args[1]));
    Py_XSETREF(py_copy, Py_NewRef(args[2]));
    Py_XSETREF(out, Py_NewRef(args[3]));
    Py_XSETREF(buffer_class, Py_NewRef(args[4]));
    Py_RETURN_NONE;
}

/* load_openssl(path): OpenSSL's EVP functions, looked up through the dependencies of the module at path
   (hashlib's _hashlib, loaded already): whether they were all found. Until then, and without them,
   every engine is its spec's factory's. */
static PyObject *
load_openssl(PyObject *module, PyObject *path)
{
#ifdef _WIN32
    Py_RETURN_FALSE;  /* no dlsym: hashlib's engines */
#else
    PyObject *file;
    if (!PyUnicode_FSConverter(path, &file))
        return NULL;
    void *lib = ssl_loaded ? NULL : dlopen(PyBytes_AS_STRING(file), RTLD_NOW | RTLD_NOLOAD);
    Py_DECREF(file);
    if (lib == NULL) {
        dlerror();  /* cleared: nobody asks why */
        return PyBool_FromLong(ssl_loaded);
    }
    OpenSSL found;  /* all or none: a Digest may already hold an EVP_MD of the functions in use */
    *(void **)&found.ctx_new = dlsym(lib, "EVP_MD_CTX_new");
    *(void **)&found.ctx_free = dlsym(lib, "EVP_MD_CTX_free");
    *(void **)&found.ctx_copy = dlsym(lib, "EVP_MD_CTX_copy_ex");
    *(void **)&found.init = dlsym(lib, "EVP_DigestInit_ex");
    *(void **)&found.update = dlsym(lib, "EVP_DigestUpdate");
    *(void **)&found.final = dlsym(lib, "EVP_DigestFinal_ex");
    *(void **)&found.fetch = dlsym(lib, "EVP_MD_fetch");
    *(void **)&found.by_name = dlsym(lib, "EVP_get_digestbyname");
    *(void **)&found.clear_error = dlsym(lib, "ERR_clear_error");
    dlerror();
    if (!(found.ctx_new && found.ctx_free && found.ctx_copy && found.init && found.update && found.final &&
          found.by_name && found.clear_error)) {
        dlclose(lib);
        Py_RETURN_FALSE;
    }
    ssl = found;  /* lib stays open: the functions live as long as the process */
    ssl_loaded = 1;
    Py_RETURN_TRUE;
#endif
}

static PyMethodDef module_methods[] = {
    {"load_openssl", load_openssl, METH_O,
     "load_openssl(path): OpenSSL's digests through the module at path (hashlib's _hashlib): whether found"},
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
        !(str_factory = PyUnicode_InternFromString("factory")) ||
        !(str_openssl = PyUnicode_InternFromString("openssl")) ||
        !(fetched = PyDict_New()))
        return NULL;
    PyObject *views_module = PyImport_ImportModule("nodespec.reference._views");
    views = views_module ? (ViewsCAPI *)PyCapsule_Import(VIEWS_CAPSULE, 0) : NULL;
    Py_XDECREF(views_module);
    if (views == NULL)
        PyErr_Clear();  /* _views not built: a digest's Buffer is made by out() */
    else if (views->size < sizeof(ViewsCAPI))
        views = NULL;  /* an older _views than this module: out() too */
    if (PyType_Ready(&DigestType) < 0 || PyType_Ready(&CreateHashType) < 0 || PyType_Ready(&EngineType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Digest", (PyObject *)&DigestType) < 0 ||
        PyModule_AddObjectRef(m, "CreateHash", (PyObject *)&CreateHashType) < 0 ||
        PyModule_AddObjectRef(m, "Engine", (PyObject *)&EngineType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
