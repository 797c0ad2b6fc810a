"""Word lists the synthetic corpus draws from: tech-news vocabulary plus the awkward cases
(non-ASCII names, ampersands, angle brackets in code spans, quotes) a real digest has."""

from __future__ import annotations

# (slug, name, description): about 40 tags, most popular first (the Zipf rank order).
TAGS: tuple[tuple[str, str, str], ...] = (
    ("ai", "AI", "Artificial intelligence models, products and research."),
    ("cloud", "Cloud", "Cloud platforms, hosting and the services sold on them."),
    ("security", "Security", "Breaches, vulnerabilities and the people who fix them."),
    ("regulation", "Regulation", "Laws, regulators and policy that shape technology."),
    ("chips", "Chips", "Semiconductors, fabs and the supply chain around them."),
    ("open-source", "Open source", "Projects, licences and the communities behind them."),
    ("startups", "Startups", "Young companies, their funding and their exits."),
    ("microsoft", "Microsoft", "News about Microsoft and its products."),
    ("google", "Google", "News about Google, Alphabet and their products."),
    ("apple", "Apple", "News about Apple and its platforms."),
    ("amazon", "Amazon", "News about Amazon and AWS."),
    ("meta", "Meta", "News about Meta and its apps."),
    ("healthcare", "Healthcare", "Hospitals, clinical care, medical research and health data."),
    ("partnerships", "Partnership", "Deals and collaborations between companies and institutions."),
    ("privacy", "Privacy", "Personal data, tracking and the rules that limit them."),
    ("mobile", "Mobile", "Phones, tablets and the app economy."),
    ("energy", "Energy", "Power for data centres, grids and batteries."),
    ("robotics", "Robotics", "Robots in factories, warehouses and homes."),
    ("space", "Space", "Launches, satellites and the space industry."),
    ("telecom", "Telecom", "Carriers, 5G, fibre and spectrum."),
    ("gaming", "Gaming", "Games, consoles and the studios that make them."),
    ("funding", "Funding", "Venture rounds, IPOs and acquisitions."),
    ("antitrust", "Antitrust", "Competition cases against large platforms."),
    ("europe", "Europe", "Technology news from the European Union and its neighbours."),
    ("asia", "Asia", "Technology news from Asia."),
    ("quantum", "Quantum", "Quantum computing hardware and algorithms."),
    ("databases", "Databases", "Storage engines, query languages and data platforms."),
    ("devtools", "Developer tools", "Editors, compilers, CI and the craft of programming."),
    ("browsers", "Browsers", "Web browsers and web standards."),
    ("education", "Education", "Technology in schools and universities."),
    ("climate", "Climate", "Technology for and against climate change."),
    ("automotive", "Automotive", "Electric and self-driving vehicles."),
    ("fintech", "Fintech", "Payments, banking software and digital money."),
    ("media", "Media", "Publishers, streaming and the platforms that carry them."),
    ("labour", "Labour", "Jobs, layoffs and working conditions in tech."),
    ("hardware", "Hardware", "PCs, servers, wearables and other devices."),
    ("networking", "Networking", "The internet's plumbing: routing, DNS and CDNs."),
    ("research", "Research", "Papers and results from labs and universities."),
    ("outages", "Outages", "When large services go down, and why."),
    ("standards", "Standards", "Specifications and the bodies that write them."),
)

COMPANIES = (
    "Microsoft", "Google", "Apple", "Amazon", "Meta", "Nvidia", "Intel", "AMD", "TSMC",
    "Samsung", "OpenAI", "Anthropic", "Mistral", "Siemens", "SAP", "Ericsson", "Nokia",
    "Mayo Clinic", "AT&T", "Procter & Gamble", "Deutsche Telekom", "Société Générale",
    "Nestlé", "Škoda", "Hyundai", "Baidu", "Alibaba", "Sony", "Red Hat", "Mozilla",
)

PLACES = (
    "Zürich", "München", "São Paulo", "Kraków", "Montréal", "Reykjavík", "Malmö",
    "Düsseldorf", "Bogotá", "Tōkyō", "Seoul", "Austin", "Dublin", "Paris", "Bengaluru",
)

NOUNS = (
    "model", "platform", "chip", "data centre", "regulator", "API", "licence", "benchmark",
    "cluster", "contract", "pilot", "dataset", "browser", "kernel", "patch", "network",
    "subscription", "roadmap", "supply chain", "investor", "lawsuit", "standard", "team",
    "service", "update", "release", "device", "fab", "satellite", "battery", "agreement",
    "customer", "workload", "region", "price", "policy", "feature", "protocol", "library",
)

VERBS = (
    "announced", "released", "delayed", "expanded", "acquired", "opened", "launched",
    "cut", "doubled", "tested", "shipped", "rewrote", "paused", "licensed", "priced",
    "confirmed", "denied", "published", "migrated", "retired", "audited", "funded",
)

ADJECTIVES = (
    "new", "larger", "cheaper", "open", "proprietary", "regional", "experimental",
    "first", "second", "naïve", "long-awaited", "contested", "faster", "smaller",
    "early", "final", "public", "internal", "default", "optional", "encrypted",
)

FILLER = (
    "the", "a", "its", "their", "this", "that", "for", "with", "across", "after",
    "before", "while", "and", "but", "so", "to", "of", "in", "on", "by",
)

# Inline Markdown that needs escaping or careful rendering; raw HTML stays in code spans.
TRICKY = (
    "`a < b && c > d`", "`<div class=\"x\">`", "`x &amp; y`", "R&D", "AT&T", "\"quoted\"",
    "'single-quoted'", "“curly quotes”", "€4.5 billion", "±3 %", "latency < 5 ms",
    "*emphasis*", "**bold claim**", "`--flag=value`", "50 % faster", "naïve café résumé",
    "東京", "Ελλάδα", "Россия", "→", "1 μs", "½ the cost",
)

PUBLISHERS = (
    "Reuters", "The Verge", "Ars Technica", "Heise", "Le Monde", "El País", "Nikkei Asia",
    "Bloomberg", "Financial Times", "The Register", "Süddeutsche Zeitung", "TechCrunch",
)
