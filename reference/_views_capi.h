/* _views.c's C API, for _digests.c: a capsule (nodespec.reference._views._C_API) holding this table.
   PyCapsule_Import(VIEWS_CAPSULE, 0) gives it to a module that imports _views; size says which fields
   the _views it came from has (a table only grows). */

#ifndef NODESPEC_VIEWS_CAPI_H
#define NODESPEC_VIEWS_CAPI_H

#define VIEWS_CAPSULE "nodespec.reference._views._C_API"

typedef struct {
    size_t size;              /* sizeof(ViewsCAPI) of the _views that made it */
    PyTypeObject *view_type;  /* View: the views' layout, which owning_view's cls must have */
    /* owning_view(cls, n, &ptr): a new view of cls (byte-sized: Buffer) of n bytes of its own at *ptr,
       not yet written (the caller writes them all); its ArrayBuffer is made when _ab is first read */
    PyObject *(*owning_view)(PyTypeObject *cls, Py_ssize_t n, char **ptr);
} ViewsCAPI;

#endif
