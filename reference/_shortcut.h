/* A shortcut: a C callable that stands for a Python function, doing the common case itself and handing
   every other call to the function (_views.c's FromString for Buffer.from, _digests.c's Shortcut for
   createHash). To Python it is the function by every name: its __name__, __doc__, __module__ and
   signature (inspect.signature follows __wrapped__) are the function's, and so is its repr.
   A shortcut's struct starts with SHORTCUT_HEAD; its type takes shortcut_getattro, shortcut_repr,
   shortcut_getset and shortcut_dealloc (which clears through the type's tp_clear), and
   shortcut_traverse and shortcut_clear, which a shortcut with fields of its own calls from its own. */

#define SHORTCUT_HEAD \
    PyObject_HEAD \
    PyObject *function;  /* the Python function it stands for */ \
    vectorcallfunc vectorcall;

typedef struct {
    SHORTCUT_HEAD
} Shortcut;

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
