/* events' hot path in C: EventEmitter.emit itself, a shortcut (_shortcut.h) for the common case, and the
   emitter a listener's `this` is. events.py is the semantics' home: emit does here what its own first test
   takes (one listener kept alone, one argument, a string name other than 'error') and hands every other
   call to it; tests/test_events_c.py holds the two to one behaviour.

     Emit(emit, listeners_class)  EventEmitter.emit (a method: bound as a function is), for emit's Python
                                  function and events._Listeners (two or more listeners: Python's)
     call_with_this(target, callback, event)
                                  event_target._call: callback(event) with `this` = target
     this_now()                   the emitter (or target) whose emit (or dispatch) is calling listeners on
                                  this thread now, innermost first; None outside one

   `this`: a JavaScript listener called by emit sees the emitter as `this`. Without C, current_this() finds it
   in the stack of Python frames (emit's own `self`); a C emit has no frame, so Emit and call_with_this keep
   it in a per-thread variable, set for the length of the listeners' calls (the Python path's too) and put
   back after: the innermost, as the frames would say. A call of emit's function that bypasses Emit
   (EventEmitter.emit.__wrapped__) sets no `this`. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>

#include "_shortcut.h"

#if defined(_MSC_VER)
#define THREAD_LOCAL __declspec(thread)
#else
#define THREAD_LOCAL _Thread_local
#endif

/* The emitter whose listeners run on this thread now, or NULL. It owns a reference, and each emit holds the
   one of the value it put aside: emits interleaved on one thread (greenlets) never leave it dangling. */
static THREAD_LOCAL PyObject *this_emitter;

/* Makes emitter `this` until the matching put_back(), which is given what this returns. */
static PyObject *
set_this(PyObject *emitter)
{
    PyObject *outer = this_emitter;
    this_emitter = Py_NewRef(emitter);
    return outer;
}

static void
put_back(PyObject *outer)
{
    PyObject *inner = this_emitter;
    this_emitter = outer;
    Py_XDECREF(inner);
}

static PyObject *str_events, *str_add_catch, *str_error;

typedef struct {
    SHORTCUT_HEAD        /* function: events.py's EventEmitter.emit */
    PyObject *listeners_class;
} Emit;

static int
is_error(PyObject *name)
{
    return name == str_error ||
           (PyUnicode_GET_LENGTH(name) == 5 && PyUnicode_Compare(name, str_error) == 0);
}

/* handler(arg) with `this` = emitter, and its result's catch (a promise's, a coroutine's first step) with
   it too, as Python's emit calls _add_catch from its own frame. */
static PyObject *
call_one(PyObject *emitter, PyObject *handler, PyObject *name, PyObject *arg)
{
    PyObject *result = PyObject_CallOneArg(handler, arg);
    if (result == NULL)
        return NULL;
    if (result != Py_None) {
        PyObject *args = PyTuple_Pack(1, arg);
        PyObject *caught = args ? PyObject_CallMethodObjArgs(emitter, str_add_catch, result, name, args, NULL) : NULL;
        Py_XDECREF(args);
        Py_DECREF(result);
        if (caught == NULL)
            return NULL;
        Py_DECREF(caught);
    }
    else
        Py_DECREF(result);
    Py_RETURN_TRUE;
}

/* emit(type, arg) with one listener, in C; NULL without an error where Python's emit is to decide. */
static PyObject *
emit_common(PyObject *emitter, PyObject *name, PyObject *arg, PyObject *listeners_class)
{
    /* Any error reading the table is Python's to raise or to catch (its emit catches a TypeError as an
       unhashable name's), reading it again. */
    PyObject *events = PyObject_GetAttr(emitter, str_events);
    if (events == NULL || !PyDict_CheckExact(events)) {  /* None (no __init__), or a table of a subclass's */
        Py_XDECREF(events);
        PyErr_Clear();
        return NULL;
    }
    PyObject *handler = PyDict_GetItemWithError(events, name);  /* borrowed */
    if (handler == NULL) {
        Py_DECREF(events);
        if (PyErr_Occurred()) {  /* a key of the table's whose __eq__ raised */
            PyErr_Clear();
            return NULL;
        }
        Py_RETURN_FALSE;  /* no listener of a string name */
    }
    if (handler == Py_None) {  /* a table a program wrote None into: no listener, as Python's emit says */
        Py_DECREF(events);
        Py_RETURN_FALSE;
    }
    if ((PyObject *)Py_TYPE(handler) == listeners_class) {
        Py_DECREF(events);
        return NULL;
    }
    Py_INCREF(handler);  /* the listener may remove itself, and the table may go with it */
    Py_DECREF(events);
    PyObject *done = call_one(emitter, handler, name, arg);
    Py_DECREF(handler);
    return done;
}

static PyObject *
emit_call(Emit *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs < 1)  /* no emitter: Python's TypeError (or self by keyword, which nothing calls emit with) */
        return PyObject_Vectorcall(self->function, args, nargsf, kwnames);
    PyObject *emitter = args[0], *done = NULL;
    PyObject *outer = set_this(emitter);
    /* (an argument that is events._NO_ARGUMENT itself, private to events.py, is one here: never passed) */
    if (kwnames == NULL && nargs == 3 && PyUnicode_CheckExact(args[1]) && !is_error(args[1]))
        done = emit_common(emitter, args[1], args[2], self->listeners_class);
    if (done == NULL && !PyErr_Occurred())
        done = PyObject_Vectorcall(self->function, args, nargsf, kwnames);
    put_back(outer);
    return done;
}

static int
emit_traverse(Emit *self, visitproc visit, void *arg)
{
    Py_VISIT(self->listeners_class);
    return shortcut_traverse((PyObject *)self, visit, arg);
}

static int
emit_clear(Emit *self)
{
    Py_CLEAR(self->listeners_class);
    return shortcut_clear((PyObject *)self);
}

static PyObject *
emit_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *function, *listeners_class;
    if (!PyArg_ParseTuple(args, "OO!:Emit", &function, &PyType_Type, &listeners_class))
        return NULL;
    Emit *self = (Emit *)shortcut_new(type, function, (vectorcallfunc)emit_call);
    if (self == NULL)
        return NULL;
    self->listeners_class = Py_NewRef(listeners_class);
    return (PyObject *)self;
}

static PyTypeObject EmitType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nodespec.reference._events.Emit",
    SHORTCUT_SLOTS(Emit, Py_TPFLAGS_METHOD_DESCRIPTOR),  /* called unbound with the instance first */
    .tp_new = emit_new,
    .tp_descr_get = shortcut_bind,
    .tp_traverse = (traverseproc)emit_traverse,
    .tp_clear = (inquiry)emit_clear,
};

/* event_target._call(target, callback, event): callback(event) with `this` = target. */
static PyObject *
call_with_this(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "call_with_this(target, callback, event)");
        return NULL;
    }
    PyObject *outer = set_this(args[0]);
    PyObject *result = PyObject_CallOneArg(args[1], args[2]);
    put_back(outer);
    return result;
}

static PyObject *
this_now(PyObject *module, PyObject *unused)
{
    return Py_NewRef(this_emitter ? this_emitter : Py_None);
}

static PyMethodDef module_methods[] = {
    {"call_with_this", (PyCFunction)(void (*)(void))call_with_this, METH_FASTCALL,
     "call_with_this(target, callback, event): callback(event) with this = target"},
    {"this_now", this_now, METH_NOARGS, "this_now(): the emitter whose listeners run on this thread now, or None"},
    {NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "nodespec.reference._events", "events' hot path in C (see events.py's EventEmitter.emit).",
    -1, module_methods,
};

PyMODINIT_FUNC
PyInit__events(void)
{
    if (!(str_events = PyUnicode_InternFromString("_events")) ||
        !(str_add_catch = PyUnicode_InternFromString("_add_catch")) ||
        !(str_error = PyUnicode_InternFromString("error")))
        return NULL;
    if (PyType_Ready(&EmitType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Emit", (PyObject *)&EmitType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
