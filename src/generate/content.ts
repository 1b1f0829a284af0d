/**
 * The non-indicator wording of ads, per category: headlines, first-person introductions, filler
 * sentences (each in a native and a non-native form, with `[first|third]` voice alternatives),
 * rate, location and contact lines. All of it is non-explicit: the genre shows through
 * companionship, availability, rates, place and contact, never through acts or anatomy.
 */

/** Ad categories. `escort` and `massage` carry operation ads too; the others are benign only. */
export const CATEGORIES = ['escort', 'massage', 'dating', 'jobs', 'roommates', 'services'] as const;

/** One ad category. */
export type Category = (typeof CATEGORIES)[number];

/** Wording of one category. */
export interface CategoryContent {
  /** Headlines (may use `{name}`, `{city}`, `{job}`). */
  headlines: readonly string[];
  /** First-person introductions. */
  intros: readonly string[];
  /** Filler sentences: [native, non-native], both voiced. */
  fillers: ReadonlyArray<readonly [string, string]>;
  /** Rate lines (`{price}`), or empty when the category states no rates. */
  rates: readonly string[];
  /** Price range [low, high] in steps of 10. */
  priceRange: readonly [number, number];
  /** Location lines (`{city}`). */
  locations: readonly string[];
  /** Contact line prefixes for a phone number. */
  contactLead: readonly string[];
  /** Contact line prefixes for an email address. */
  emailLead: readonly string[];
}

const ESCORT: CategoryContent = {
  headlines: [
    'Sweet and classy companion',
    'Elegant company in {city}',
    'Your perfect evening companion',
    'Warm smile, great conversation',
    'Unforgettable company',
    'Relax and unwind with {name}',
    'Charming dinner date',
    'Upscale companionship',
  ],
  intros: ["Hi, I'm {name}", 'Hello gentlemen, {name} here', 'My name is {name}', "Hey there, it's {name}"],
  fillers: [
    ['[I love|{name} loves] good conversation and a glass of wine', '[I love|{name} love] the good conversation and glass of wine'],
    ["[I'm|{name} is] warm, friendly and easy to talk to", '[I am|{name} is] very friendly person, easy for talk'],
    ['[Let me make|{name} will make] your evening special', '[Let me make|{name} will make] special your evening'],
    ['[I enjoy|{name} enjoys] dinners, music and long walks', '[I enjoy|{name} enjoy] the dinners, music and long walk'],
    ['Come relax with [me|{name}] after a long day', 'Come for relax with [me|{name}] after long day'],
    ['[I take|{name} takes] time to get to know you', '[I take|{name} take] the time for know you'],
    ['Classy, elegant and always smiling', 'Very classy, elegant, always with smile'],
    ['[I look|{name} looks] forward to meeting you', '[I am waiting|{name} is waiting] for meet you'],
    ['Perfect company for dinner or an evening out', 'Perfect company for the dinner or evening out'],
    ['[My|{name}\'s] company is relaxed and fun', '[My|{name}\'s] company is relax and fun'],
  ],
  rates: ['Rates from ${price}/hr', '${price} per hour', '1 hr ${price}', 'Hourly rate ${price}'],
  priceRange: [150, 400],
  locations: ['Located in {city}', '{city} area', 'Near downtown {city}', 'Serving {city}'],
  contactLead: ['Call or text', 'Text', 'Contact:', 'Call'],
  emailLead: ['Email', 'Contact:', 'Write to'],
};

const MASSAGE: CategoryContent = {
  headlines: ['Relaxing massage in {city}', 'Swedish and deep tissue massage', 'Stress relief massage', 'Massage by appointment', 'Soothing full hour massage'],
  intros: ["Hi, I'm {name}", 'My name is {name}', 'Welcome, this is {name}'],
  fillers: [
    ['[I offer|{name} offers] Swedish, deep tissue and hot stone', '[I offer|{name} offer] Swedish, deep tissue and the hot stone'],
    ['Quiet, clean room with soft music', 'Quiet and clean room, with the soft music'],
    ['Relieve stress and tension after work', 'Relieve the stress and tension after the work'],
    ['[I have|{name} has] years of experience', '[I have|{name} have] many year of experience'],
    ['Walk-ins welcome when available', 'Walk-in welcome when is available'],
    ['Hot towels and aromatherapy included', 'Hot towel and aromatherapy is included'],
  ],
  rates: ['60 min ${price}', '${price} per hour', 'One hour ${price}'],
  priceRange: [60, 130],
  locations: ['Studio in {city}', 'Located in {city}', '{city} area, easy parking'],
  contactLead: ['Call', 'Call or text', 'Book at'],
  emailLead: ['Book by email:', 'Email', 'Write to'],
};

const DATING: CategoryContent = {
  headlines: ['Looking for someone to share dinners', 'Single and ready to meet', 'Seeking a kind partner', 'Coffee and conversation?', 'Let us meet in {city}'],
  intros: ["Hi, I'm {name}", 'My name is {name}', 'Hello, {name} here'],
  fillers: [
    ['I like hiking, cooking and old movies', 'I like the hiking, cooking and old movie'],
    ['Looking for something real and long term', 'Looking for something real, for long time'],
    ['I value honesty and a good laugh', 'I value the honesty and good laugh'],
    ['Weekends I am at the farmers market', 'In weekends I am in farmers market'],
    ['Tell me about your favourite book', 'Tell me about your favourite book, please'],
  ],
  rates: [],
  priceRange: [0, 0],
  locations: ['Living in {city}', 'Based in {city}', '{city} area'],
  contactLead: ['Text', 'Call or text', 'Text me at'],
  emailLead: ['Message me at', 'Write to', 'Email'],
};

const JOBS: CategoryContent = {
  headlines: ['Now hiring: {job}', 'Staff wanted in {city}', 'Part-time work available', 'Join our team as {job}'],
  intros: ['We are a small family business', 'Local company looking for help', 'Growing team in {city}'],
  fillers: [
    ['Weekly pay and flexible shifts', 'Pay every week and flexible shift'],
    ['Experience helpful but not required', 'Experience is helpful but not required'],
    ['Friendly team and steady hours', 'Friendly team and the steady hours'],
    ['Must be reliable and on time', 'Must be reliable and in time'],
    ['Training provided on the job', 'Training is provided in the job'],
  ],
  rates: ['${price} per hour to start', 'Starting pay ${price}/hr'],
  priceRange: [30, 40],
  locations: ['Work site in {city}', 'Located in {city}', '{city} and nearby'],
  contactLead: ['Call', 'Call or text', 'Apply by phone:'],
  emailLead: ['Apply by email:', 'Send your details to', 'Email'],
};

const ROOMMATES: CategoryContent = {
  headlines: ['Room for rent in {city}', 'Looking for a roommate', 'Shared apartment, room available', 'Quiet room near transit'],
  intros: ["Hi, I'm {name}", 'Hello, {name} here', 'My name is {name}'],
  fillers: [
    ['Quiet building, laundry on site', 'Quiet building, the laundry is on site'],
    ['Utilities included in the rent', 'Utilities is included in rent'],
    ['Close to the bus and shops', 'Close to bus and the shops'],
    ['Looking for a tidy and respectful roommate', 'Looking for tidy and respectful roommate'],
    ['No pets please', 'No pets, please, sorry'],
  ],
  rates: ['Rent ${price}0 per month', '${price}0 monthly, deposit required'],
  priceRange: [60, 110],
  locations: ['Apartment in {city}', 'Located in {city}', 'Near downtown {city}'],
  contactLead: ['Text', 'Call', 'Call or text'],
  emailLead: ['Email', 'Write to', 'Contact:'],
};

const SERVICES: CategoryContent = {
  headlines: ['House cleaning in {city}', 'Handyman services', 'Moving help, fair prices', 'Dog walking and pet sitting', 'Tutoring in math and English'],
  intros: ['Hello, my name is {name}', 'Local and insured', 'Family owned and operated'],
  fillers: [
    ['Free estimates on every job', 'Free estimate for every job'],
    ['Over ten years of experience', 'More than ten year of experience'],
    ['References available on request', 'References available if you ask'],
    ['Same week appointments', 'Appointment in same week'],
    ['Fair prices and careful work', 'Fair price and careful work'],
  ],
  rates: ['From ${price} per visit', '${price}/hr'],
  priceRange: [40, 90],
  locations: ['Serving {city}', '{city} and surrounding areas', 'Based in {city}'],
  contactLead: ['Call', 'Text', 'Call or text'],
  emailLead: ['Email', 'Write to', 'Contact:'],
};

/** Wording per category. */
export const CONTENT: Readonly<Record<Category, CategoryContent>> = {
  escort: ESCORT,
  massage: MASSAGE,
  dating: DATING,
  jobs: JOBS,
  roommates: ROOMMATES,
  services: SERVICES,
};

/** Job titles for job ads. */
export const JOB_TITLES: readonly string[] = ['line cook', 'cashier', 'warehouse associate', 'cleaner', 'delivery driver', 'receptionist'];

/** Agency names (invented). */
export const AGENCY_NAMES: readonly string[] = [
  'Silver Lining Companions',
  'Moonlight Agency',
  'Golden Hour Company',
  'Blue Orchid Agency',
  'Velvet Evening Agency',
  'Starlight Companions',
];

/** Cities, split into a primary and a secondary pool (the `shifted` preset moves to the secondary). */
export const CITIES: Readonly<Record<'primary' | 'secondary', readonly string[]>> = {
  primary: ['Houston', 'Atlanta', 'Denver', 'Phoenix', 'Chicago', 'Las Vegas', 'Miami', 'Seattle', 'Dallas', 'Orlando'],
  secondary: ['Portland', 'Nashville', 'Charlotte', 'Tampa', 'San Diego', 'Columbus', 'Kansas City', 'Detroit', 'Baltimore', 'Sacramento'],
};
