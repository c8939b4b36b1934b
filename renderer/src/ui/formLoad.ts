// Forms filled from what the core answers on opening a page.
import type { FormInstance } from 'antd';

/**
 * Fills the form with loaded values unless the user has begun to fill it in meanwhile: a slow
 * answer must not wipe out what was typed (an SMTP address typed at once was lost that way).
 */
export function fillLoaded<T extends object>(form: FormInstance<T>, values: Parameters<FormInstance<T>['setFieldsValue']>[0]): void {
  if (!form.isFieldsTouched()) form.setFieldsValue(values);
}
