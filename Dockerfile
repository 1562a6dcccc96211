# Factionline: the dashboard with the bundled data, as a non-root container.
#   docker build -t factionline .
#   docker run --rm -p 8501:8501 factionline
#   docker run --rm -p 8501:8501 -v /path/to/data:/data:ro -e FACTIONLINE_DATA=/data factionline
#   docker run --rm -p 8501:8501 -v factionline-store:/home/factionline/.local/share/factionline factionline
#   (the store: a SQLite file on that volume; or -e FACTIONLINE_STORE=postgresql+psycopg://… for a team)
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    FACTIONLINE_CACHE=/tmp/factionline-cache

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin factionline \
    && mkdir -p /home/factionline/.local/share/factionline \
    && chown -R factionline:factionline /home/factionline/.local
# ^ the store's directory exists in the image, owned by the app's user: a named volume mounted there
#   (-v factionline-store:/home/factionline/.local/share/factionline) starts with that owner, not root.
WORKDIR /app

# The app, its bundled data and its hardened .streamlit/config.toml, owned by root and read-only:
# the app never writes into its data, and in here it could not.
COPY . .
RUN pip install . && chmod -R a-w /app

USER factionline
EXPOSE 8501
# Healthy when the server answers on its port (STREAMLIT_SERVER_PORT, whatever it is set to) and its data
# can be read: the data directory, or the store (a SQLite store that cannot be opened is unhealthy):
# `factionline health`.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD factionline health

# Streamlit with the app's guards installed before the first connection (components/ui/serve.py)
CMD ["python", "-m", "components.ui.serve", "run", "dashboard.py"]
