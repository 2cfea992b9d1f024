/* A shortcut: a C callable that stands for a Python function, doing the common case itself and handing
   every other call to the function (_views.c's FromString for Buffer.from and ToString for toString,
   _digests.c's CreateHash for createHash). To Python it is the function by every name: its __name__,
   __doc__, __module__ and signature (inspect.signature follows __wrapped__) are the function's, and so
   is its repr. A shortcut's struct starts with SHORTCUT_HEAD; shortcut_new makes one; its type has
   SHORTCUT_SLOTS, and shortcut_traverse and shortcut_clear as its own (or calls them from its own,
   where it has fields of its own). */

#define SHORTCUT_HEAD \
    PyObject_HEAD \
    PyObject *function;  /* the Python function it stands for */ \
    vectorcallfunc vectorcall;

typedef struct {
    SHORTCUT_HEAD
} Shortcut;

/* A new shortcut of type for function, called by call (the type's other fields are the caller's). */
static PyObject *
shortcut_new(PyTypeObject *type, PyObject *function, vectorcallfunc call)
{
    Shortcut *self = (Shortcut *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->function = Py_NewRef(function);
    self->vectorcall = call;
    return (PyObject *)self;
}

static PyObject *
shortcut_getattro(PyObject *self, PyObject *name)
{
    PyObject *found = PyObject_GenericGetAttr(self, name);
    if (found != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError))
        return found;
    PyErr_Clear();
    return PyObject_GetAttr(((Shortcut *)self)->function, name);
}

static PyObject *
shortcut_wrapped(PyObject *self, void *closure)
{
    return Py_NewRef(((Shortcut *)self)->function);
}

static PyObject *
shortcut_doc(PyObject *self, void *closure)
{
    return PyObject_GetAttrString(((Shortcut *)self)->function, "__doc__");
}

static PyObject *
shortcut_repr(PyObject *self)
{
    return PyObject_Repr(((Shortcut *)self)->function);
}

static PyGetSetDef shortcut_getset[] = {
    {"__wrapped__", shortcut_wrapped, NULL, NULL, NULL},
    {"__doc__", shortcut_doc, NULL, NULL, NULL},
    {NULL},
};

static int
shortcut_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((Shortcut *)self)->function);
    return 0;
}

static int
shortcut_clear(PyObject *self)
{
    Py_CLEAR(((Shortcut *)self)->function);
    return 0;
}

static void
shortcut_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_TYPE(self)->tp_clear(self);
    Py_TYPE(self)->tp_free(self);
}

/* A shortcut that stands for a method binds as a function does: itself on the class, a bound method on
   an instance (its type's tp_descr_get, with Py_TPFLAGS_METHOD_DESCRIPTOR in SHORTCUT_SLOTS' flags: called
   unbound with the instance first). Inline: a module whose shortcuts are all functions leaves it unused. */
static inline PyObject *
shortcut_bind(PyObject *self, PyObject *obj, PyObject *type)
{
    if (obj == NULL || obj == Py_None)
        return Py_NewRef(self);
    return PyMethod_New(self, obj);
}

/* What every shortcut's type has: its struct, called through vectorcall, collected, and the function
   by every name. */
#define SHORTCUT_SLOTS(shortcut_struct, more_flags) \
    .tp_basicsize = sizeof(shortcut_struct), \
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | (more_flags), \
    .tp_vectorcall_offset = offsetof(shortcut_struct, vectorcall), \
    .tp_call = PyVectorcall_Call, \
    .tp_dealloc = shortcut_dealloc, \
    .tp_getattro = shortcut_getattro, \
    .tp_repr = shortcut_repr, \
    .tp_getset = shortcut_getset
