/** Passwords (bcryptjs: pure JavaScript, nothing to compile or download) and roles. */
import bcrypt from 'bcryptjs';

export type Role = 'viewer' | 'editor' | 'admin';
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, 10);
export const checkPassword = (password: string, hash: string): Promise<boolean> => bcrypt.compare(password, hash);

/** Whether a role may do what needs `need`. */
export const allows = (role: Role, need: Role): boolean => RANK[role] >= RANK[need];
