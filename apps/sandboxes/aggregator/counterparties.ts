// Fictional counterparties for statement narrations: employers, lenders, platforms, merchants.
// Names are invented so a sandbox statement can never be mistaken for a real one.
export const EMPLOYERS = ['ACME SOFTWARE PVT LTD', 'NIMBUS ANALYTICS LLP', 'SUNRISE TEXTILES LTD', 'HORIZON HOSPITALS', 'KESTREL LOGISTICS PVT LTD', 'BLUE LOTUS BANKING SVCS'] as const;
export const LENDERS = ['QUICKRUPEE FINANCE', 'LEAFCREDIT NBFC', 'ORBIT CAPITAL', 'METRO HOME FINANCE', 'PAISAPOD LENDING'] as const;
export const GIG_PLATFORMS = ['ZIPRIDE MOBILITY', 'DASHMEALS', 'TASKHIVE SERVICES'] as const;
export const CUSTOMERS = ['RAMESH K', 'SUNITA TRADERS', 'A1 MOBILES', 'GANESH STORES', 'N PATEL', 'KRISHNA CATERERS', 'S MENON', 'VIJAY AUTO PARTS'] as const;
export const LANDLORDS = ['M KULKARNI', 'R SUBRAMANIAN', 'P DESAI', 'H CHOPRA'] as const;
export const GROCERS = ['FRESHKART', 'DAILYBASKET', 'KIRANA MART', 'GREENLEAF SUPERMARKET'] as const;
export const MERCHANTS = ['FOODRUSH', 'CITYCAB', 'SHOPSPREE', 'FUELPOINT', 'MEDPLUS CHEMIST', 'CINEMAX TICKETS', 'RAILYATRI'] as const;
export const UTILITIES = { power: 'STATE POWER DISCOM', mobile: 'SKYTEL POSTPAID', broadband: 'FIBRENET BROADBAND' } as const;
export const FAMILY = ['PARENT', 'SIBLING'] as const;
