/** A run variable's name: what `{{name}}` placeholders and InstantDM's `custom_variable_name` accept. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
