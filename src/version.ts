/** The library and generator version, written into every record, file and model card. A test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
