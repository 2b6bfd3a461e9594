"""Word pools for realistic generated data: names, companies, roles, notes, advice."""

from __future__ import annotations

FIRST_NAMES = (
    "Aisha Alejandro Amara Ana Andrea Arjun Ava Ben Bilal Camille Carlos Chen Chloe Daniel "
    "Daria Deepa Diego Elena Emeka Emily Ethan Fatima Felix Gabriel Grace Hana Hannah Hiro "
    "Ibrahim Ines Isabel Ivan Jack James Jana Javier Jin Joao Jonas Julia Kai Karim Kate Kofi "
    "Lars Laura Leila Liam Lucia Luis Maya Mei Mia Miguel Mohammed Nadia Naomi Nikhil Noah "
    "Nora Olga Omar Oscar Paolo Priya Rafael Rahul Rosa Ruth Sakura Samuel Sara Sean Sofia "
    "Sophie Stefan Tariq Thomas Tomas Uma Valentina Victor Wei Yara Yusuf Zainab Zoe"
).split()

LAST_NAMES = (
    "Abara Adeyemi Alvarez Andersen Bauer Becker Bianchi Brown Campbell Castillo Chen Cohen "
    "Costa Dubois Eriksson Fernandes Fischer Garcia Goldberg Gonzalez Gupta Haddad Hansen "
    "Hernandez Hoffmann Ibrahim Ito Jansen Johnson Kaur Khan Kim Kowalski Kumar Larsen Lee "
    "Lopez Martin Martinez Meyer Moreau Muller Murphy Nakamura Nguyen Novak Nowak Okafor "
    "Olsen Osei Patel Pereira Petrov Rahman Ramirez Reyes Rossi Russo Sato Schmidt Schneider "
    "Silva Singh Smith Sokolov Suzuki Tanaka Taylor Thompson Torres Visser Wagner Walker "
    "Wang Weber Williams Wilson Wong Wu Yamamoto Yilmaz Zhang Zimmermann"
).split()

COMPANIES = (
    "Acme Robotics",
    "Northwind Analytics",
    "Bluefin Health",
    "Cedar & Pine Consulting",
    "Helios Energy",
    "Lumen Labs",
    "Orbital Dynamics",
    "Quarry Capital",
    "Riverbank Software",
    "Silverline Logistics",
    "Tidewater Media",
    "Umbra Security",
    "Vantage Biotech",
    "Willow Education",
    "Zephyr Mobility",
    "Brightpath Learning",
    "Copperleaf Foods",
    "Driftwood Games",
    "Evergreen Insurance",
    "Foxglove Design",
    "Granite Bank",
    "Harbor Freight Systems",
    "Ironclad Legal",
    "Juniper Networks Group",
    "Keystone Retail",
    "Lighthouse Nonprofit",
    "Meridian Hospitals",
    "Nimbus Cloud",
    "Oakridge Manufacturing",
    "Pioneer Aerospace",
    "Redwood Ventures",
    "Summit Pharma",
    "Trellis Agritech",
    "Unity Public Schools",
    "Vector Chips, Inc.",
    "Wavelength Telecom",
    "City of Springfield",
    "Global Health Initiative",
    "Open Data Foundation",
    "Studio Kin",
)

ROLES = (
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Engineering Manager",
    "Director of Engineering",
    "VP Engineering",
    "CTO",
    "Product Manager",
    "Senior Product Manager",
    "Head of Product",
    "Data Scientist",
    "Data Analyst",
    "UX Designer",
    "Design Lead",
    "Recruiter",
    "Talent Partner",
    "Account Executive",
    "Marketing Manager",
    "Operations Lead",
    "Founder",
    "Co-founder & CEO",
    "Research Scientist",
    "Policy Advisor",
    "Teacher",
    "Nurse Practitioner",
    "Financial Analyst",
    "Consultant",
    "Partner",
    "Program Officer",
    "Hiring Manager",
)

HOW_MET = (
    "Alumni network",
    "Conference hallway chat",
    "Introduced by a former colleague",
    "Meetup after a talk",
    "Cold email via LinkedIn",
    "Career fair",
    "Mentoring programme",
    "Friend of a friend",
    "Hackathon judge",
    "Panel Q&A",
    "Volunteering day",
    "Online community",
)

TAGS = (
    "alumni",
    "mentor",
    "hiring",
    "startups",
    "research",
    "product",
    "design",
    "data",
    "policy",
    "finance",
    "health",
    "climate",
)

NOTE_SENTENCES = (
    "We met at a small cafe near their office and talked for almost an hour.",
    "They described how the team is organised and who makes hiring decisions.",
    "Their path into the field was unusual: they started in operations and moved over.",
    "They were candid about what the first ninety days in the role really look like.",
    "We compared notes on the industry newsletters worth reading every week.",
    "They offered to look at my portfolio once the case study is finished.",
    "They warned me that most openings are filled before they are ever posted.",
    "We spent a while on how to describe a career change without apologising for it.",
    "They mentioned two people I should talk to next, but only after I do my homework.",
    "The team is growing this year, although the budget is not final yet.",
    "They asked good questions about what I actually want from the next job.",
    "We talked about remote work and how their team keeps people connected.",
    "They recommended a short course and said the certificate itself matters less.",
    "Their advice on salary conversations was blunt and very practical.",
    "They shared a story about a project that failed and what they learned from it.",
    "I should send the thank-you within a day and mention the advice I will act on.",
    "They prefer short emails and said they read everything on their phone.",
    "We found out we studied at the same university a few years apart.",
    "They suggested I write publicly about one niche topic instead of many.",
    "The conversation ran over time, which felt like a good sign.",
)

INSIGHTS = (
    "Read the trade press every week, starting with the two newsletters they named",
    "Ask hiring managers what broke last quarter, not what the job description says",
    "Apply through a referral rather than the careers portal",
    "Publish one small project that shows the whole workflow end to end",
    "Pick one niche and write about it publicly every two weeks",
    "Practise explaining the career change in two sentences",
    "Talk to the people who do the work, not only to recruiters",
    "Keep a learning log and review it once a month",
    "Ask every interviewer how they measure success in the first ninety days",
    "Join the local meetup and volunteer to help organise it",
    "Rewrite the CV around outcomes, with numbers where possible",
    "Learn the basics of the regulatory side of the industry",
    "Shadow someone in the role for a day before applying",
    "Read five public post-mortems and summarise the patterns",
    "Reach out to founders of seed-stage companies directly",
    "Prepare three stories that show judgement under pressure",
    "Contribute a small fix to an open source tool the team uses",
    "Follow up with every contact within a month, with something useful",
)

BENEFITS = (
    "two recruiters reached out after I shared the project",
    "the newsletters gave me the vocabulary I was missing in interviews",
    "a founder asked me to chat after my third post",
    "the question about the first ninety days impressed both interviewers",
    "the referral got me a first-round interview within a week",
    "the meetup led to an introduction at a company I admire",
    "writing the two-sentence story made my interviews much calmer",
)
