/* version — the version of the cm tools, in --version and in model files. */
#ifndef CM_VERSION_H
#define CM_VERSION_H

#define CM_VERSION "0.2.0"

#endif
