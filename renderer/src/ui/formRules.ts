// antd Form rules that apply shared/domain's checks, so a form refuses exactly what the contract
// and the Convex functions would refuse. An empty field passes: `required` says whether it may be.
import type { FormRule } from 'antd';
import { isValidEmail } from '../../../shared/domain/email';
import { normalizeTurkishMobile } from '../../../shared/domain/phone';

function ruleOf(isValid: (value: string) => boolean, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value === 'string' && value.trim() !== '' && !isValid(value)) throw new Error(message);
    },
  };
}

export const emailRule = (message: string): FormRule => ruleOf(isValidEmail, message);
export const phoneRule = (message: string): FormRule => ruleOf((value) => normalizeTurkishMobile(value) !== null, message);
