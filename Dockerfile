# The same app and CLI for a cloud machine or a Vertex AI job.
#   docker build -t hisolver .                                   # CPU image (app, CLI, CPU jobs)
#   docker build --build-arg TORCH_INDEX=https://download.pytorch.org/whl/cu128 -t hisolver-gpu .
#   docker run --cap-add SYS_ADMIN -p 8501:8501 -e HISOLVER_ADMIN_PASSWORD=... -e HISOLVER_ANNOTATOR_PASSWORD=... \
#              -v hisolver-data:/data hisolver
# SYS_ADMIN lets the render sandbox use Linux namespaces (no network, private mounts); without it only
# HiSolver's own template scenes are rendered. The image runs in production mode: a role whose
# password is not set stays locked.
#   docker run hisolver hisolver --help                          # the CLI (Vertex AI job command)
# Debian packages come from apt-packages.txt, the same list `make setup` installs.
FROM python:3.11-slim-bookworm

ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
# HF_HUB_OFFLINE is deliberately NOT set: `hisolver train start --base-model Qwen/...` in a Vertex job
# downloads its base model from the Hub (the local model backend sets it for its own worker).
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HISOLVER_DATA_DIR=/data HISOLVER_ENV=production

WORKDIR /app
COPY apt-packages.txt ./
RUN apt-get update \
 && grep -v '^#' apt-packages.txt | xargs apt-get install -y --no-install-recommends gcc \
 && rm -rf /var/lib/apt/lists/*

COPY requirements.txt constraints.txt ./
RUN pip install torch==2.13.0 --index-url "$TORCH_INDEX" \
 && pip install -r requirements.txt -c constraints.txt

COPY pyproject.toml README.md app.py ./
COPY hisolver_core ./hisolver_core
COPY pages ./pages
COPY .streamlit/config.toml ./.streamlit/config.toml
RUN pip install --no-deps . && mkdir -p /data

EXPOSE 8501
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
